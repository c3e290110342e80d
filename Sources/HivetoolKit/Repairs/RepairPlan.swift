import FoundationEssentials
import Hivex

/// What a profile repair changes, worked out from a ``ProfileInventory`` before anything is touched.
public struct RepairPlan: Hashable, Sendable {
    /// One change, in the terms of the inventory.
    public enum Step: Hashable, Sendable {
        /// Delete a profile key and everything below it.
        case deleteProfile(MAPIProfile)
        /// Delete one subkey of a `Deleted Profiles` container.
        case deleteMark(DeletionMark)
        /// Delete the `DefaultProfile` value of `layout` (it names a profile being deleted).
        case clearDefaultProfile(layout: ProfileLayout, keyPath: String, valueName: String)
        /// Set the `DefaultProfile` value of `layout` to `value`.
        case setDefaultProfile(layout: ProfileLayout, keyPath: String, value: RegistryValue)
    }

    public var steps: [Step] = []
    /// What was left alone on purpose and why, for the user (reported as warnings).
    public var notes: [RepairNote] = []

    public init(steps: [Step] = [], notes: [RepairNote] = []) {
        self.steps = steps
        self.notes = notes
    }

    /// The profiles the plan deletes.
    public var deletedProfiles: [MAPIProfile] {
        steps.compactMap { if case .deleteProfile(let profile) = $0 { profile } else { nil } }
    }

    /// The marks the plan deletes.
    public var deletedMarks: [DeletionMark] {
        steps.compactMap { if case .deleteMark(let mark) = $0 { mark } else { nil } }
    }

    /// Makes every step in `session`, in order.
    public func apply(to session: HiveEditSession) throws {
        for step in steps {
            switch step {
            case .deleteProfile(let profile): try session.deleteKey(at: profile.keyPath)
            case .deleteMark(let mark): try session.deleteKey(at: mark.keyPath)
            case .clearDefaultProfile(_, let keyPath, let valueName): try session.deleteValue(named: valueName, at: keyPath)
            case .setDefaultProfile(_, let keyPath, let value): try session.setValue(value, at: keyPath)
            }
        }
    }
}
