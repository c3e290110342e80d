import FoundationEssentials
import Hivex

/// `unmark`: removes a profile's deletion marks so that MAPI no longer deletes it; the profile itself
/// is not touched.
///
/// A container left empty by the removal is kept, on purpose:
/// - MAPI recreates `Deleted Profiles` (or its per-account `Deleted Profiles<SID CRC>`) the next
///   time `IProfAdmin::DeleteProfile` meets a profile in use, so deleting it gains nothing;
/// - the container's name is the only record of which account's container it is, and hivetool
///   cannot recreate that name (the SID CRC spelling is not public);
/// - an edit that changes only the mark keys is the smallest one, and the easiest to check.
public struct UnmarkRepair: ProfileRepair {
    /// The profile's name (any case).
    public var profile: String
    /// The root to look in; needed when several roots hold a profile of that name.
    public var layout: ProfileLayout?
    /// Only this container (its exact key name or its path, any case); every container of the root when nil.
    public var container: String?

    public init(profile: String, layout: ProfileLayout? = nil, container: String? = nil) {
        self.profile = profile
        self.layout = layout
        self.container = container
    }

    public func plan(_ inventory: ProfileInventory) throws -> RepairPlan {
        let target = try inventory.profile(named: profile, layout: layout)
        let marks = inventory.marks(of: target)
        var plan = RepairPlan()
        guard let container else {
            plan.steps = marks.map(RepairPlan.Step.deleteMark)
            return plan
        }
        let containers = inventory.containers.filter { $0.layout == target.layout }
        guard containers.contains(where: { $0.matches(container) }) else {
            throw HivetoolError(.containerNotFound(name: container, layout: target.layout, existing: containers.map(\.name)), path: inventory.path)
        }
        let chosen = marks.filter { mark in containers.contains { $0.path == mark.containerPath && $0.matches(container) } }
        plan.steps = chosen.map(RepairPlan.Step.deleteMark)
        let remaining = marks.filter { !chosen.contains($0) }
        if !remaining.isEmpty {
            plan.notes.append(.stillMarked(name: target.name, containers: remaining.map(\.container)))
        }
        return plan
    }
}
