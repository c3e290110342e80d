import FoundationEssentials
import Hivex

/// `delete-profile`: deletes one profile key and every mark naming it in the containers of its root.
///
/// Marks in other roots name another root's profile and are left alone. Deleting the default
/// profile needs an explicit ``DefaultProfileHandling``: Outlook would otherwise start with a
/// `DefaultProfile` naming a profile that no longer exists.
public struct DeleteProfileRepair: ProfileRepair {
    /// What to do with `DefaultProfile` when it names the profile being deleted.
    public enum DefaultProfileHandling: Hashable, Sendable {
        /// Refuse to delete the default profile.
        case refuse
        /// Delete the `DefaultProfile` value.
        case clear
        /// Point `DefaultProfile` at another profile of the same root.
        case replace(with: String)
    }

    public var profile: String
    public var layout: ProfileLayout?
    public var defaultProfile: DefaultProfileHandling

    public init(profile: String, layout: ProfileLayout? = nil, defaultProfile: DefaultProfileHandling = .refuse) {
        self.profile = profile
        self.layout = layout
        self.defaultProfile = defaultProfile
    }

    public func plan(_ inventory: ProfileInventory) throws -> RepairPlan {
        let target = try inventory.profile(named: profile, layout: layout)
        var plan = RepairPlan(steps: [.deleteProfile(target)] + inventory.marks(of: target).map(RepairPlan.Step.deleteMark))
        let defaultName = inventory.root(of: target.layout)?.defaultProfile
        switch defaultProfile {
        case .refuse:
            if target.isDefault {
                throw HivetoolError(.defaultProfile(name: target.name, layout: target.layout), path: inventory.path)
            }
        case .clear:
            if target.isDefault {
                let (keyPath, value) = try inventory.defaultProfileSetting(of: target.layout)
                plan.steps.append(.clearDefaultProfile(layout: target.layout, keyPath: keyPath, valueName: value.name))
            }
        case .replace(let wanted):
            guard target.isDefault else {
                throw HivetoolError(.notDefaultProfile(name: target.name, layout: target.layout, currentDefault: defaultName), path: inventory.path)
            }
            guard let replacement = inventory.profiles.first(where: { $0.layout == target.layout && RegistryPath.namesEqual($0.name, wanted) }) else {
                throw HivetoolError(.newDefaultNotFound(name: wanted, layout: target.layout), path: inventory.path)
            }
            if RegistryPath.namesEqual(replacement.name, target.name) {
                throw HivetoolError(.newDefaultIsDeleted, path: inventory.path)
            }
            if replacement.status == .markedForDeletion {
                plan.notes.append(.newDefaultMarked(name: replacement.name, containers: replacement.markedIn))
            }
            let (keyPath, old) = try inventory.defaultProfileSetting(of: target.layout)
            let type: ValueType = [.string, .expandString, .binary].contains(old.type) ? old.type : .string
            plan.steps.append(.setDefaultProfile(layout: target.layout, keyPath: keyPath,
                                                 value: .string(old.name, replacement.name, type: type)))
        }
        return plan
    }
}
