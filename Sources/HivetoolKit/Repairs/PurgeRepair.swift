import FoundationEssentials
import Hivex

/// `purge`: does offline what MAPI does when no profile is in use. Deletes every profile marked for
/// deletion together with its marks, and removes stale marks (marks whose profile is gone).
///
/// ``olderThan`` and ``match`` narrow both: a marked profile is chosen by its own key's last-write
/// time and name, a stale mark by the mark key's. A marked default profile is left alone (with a
/// note) unless ``forceDefault``, which also clears `DefaultProfile`.
public struct PurgeRepair: ProfileRepair {
    /// Remove only stale marks; leave marked profiles and their marks.
    public var staleOnly = false
    /// Only what was last written at least this long before ``now``.
    public var olderThan: TimeSpan?
    /// Only profiles (and stale marks) whose name matches.
    public var match: ProfileNamePattern?
    /// Only this root.
    public var layout: ProfileLayout?
    /// Delete a marked default profile too, and clear `DefaultProfile`.
    public var forceDefault = false
    /// The time ``olderThan`` counts back from.
    public var now: Date

    public init(staleOnly: Bool = false, olderThan: TimeSpan? = nil, match: ProfileNamePattern? = nil,
                layout: ProfileLayout? = nil, forceDefault: Bool = false, now: Date = Date()) {
        self.staleOnly = staleOnly
        self.olderThan = olderThan
        self.match = match
        self.layout = layout
        self.forceDefault = forceDefault
        self.now = now
    }

    public func plan(_ inventory: ProfileInventory) throws -> RepairPlan {
        var plan = RepairPlan()
        if !staleOnly {
            for profile in inventory.profiles where profile.status == .markedForDeletion && (layout == nil || profile.layout == layout) {
                guard chooses(name: profile.name, lastWrite: profile.lastWrite, what: "marked profile", notes: &plan.notes) else { continue }
                if profile.isDefault && !forceDefault {
                    plan.notes.append(.defaultProfileKept(name: profile.name, layout: profile.layout))
                    continue
                }
                plan.steps.append(.deleteProfile(profile))
                plan.steps += inventory.marks(of: profile).map(RepairPlan.Step.deleteMark)
                if profile.isDefault {
                    let (keyPath, value) = try inventory.defaultProfileSetting(of: profile.layout)
                    plan.steps.append(.clearDefaultProfile(layout: profile.layout, keyPath: keyPath, valueName: value.name))
                }
            }
        }
        for mark in inventory.deletedProfileMarks where !mark.profileExists && (layout == nil || mark.layout == layout) {
            if chooses(name: mark.profile, lastWrite: mark.lastWrite, what: "stale mark", notes: &plan.notes) {
                plan.steps.append(.deleteMark(mark))
            }
        }
        return plan
    }

    /// Whether the name and age filters choose an item; an item of unknown age is never old enough.
    func chooses(name: String, lastWrite: Date?, what: String, notes: inout [RepairNote]) -> Bool {
        if let match, !match.matches(name) { return false }
        guard let olderThan else { return true }
        guard let lastWrite else {
            notes.append(.ageUnknown(what: what, name: name))
            return false
        }
        return lastWrite <= now.addingTimeInterval(-olderThan.seconds)
    }
}
