import Foundation
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

    public func plan(_ inventory: ProfileInventory, in hive: Hive) throws -> RepairPlan {
        let target = try inventory.profile(named: profile, layout: layout)
        let marks = inventory.marks(of: target)
        var plan = RepairPlan()
        guard let container else {
            plan.steps = marks.map(RepairPlan.Step.deleteMark)
            return plan
        }
        let names = try Self.containers(of: target.layout, in: hive)
        guard names.contains(where: { Self.container($0, matches: container) }) else {
            let known = names.isEmpty ? "it has none" : "it has " + names.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw HiveError(.keyNotFound, operation: "find container", path: hive.path,
                            message: "no Deleted Profiles container \"\(Printable.text(container))\" in the \(target.layout.rawValue) root (\(known))")
        }
        let chosen = marks.filter { Self.container((name: $0.container, path: $0.containerPath), matches: container) }
        plan.steps = chosen.map(RepairPlan.Step.deleteMark)
        let remaining = marks.filter { !chosen.contains($0) }
        if !remaining.isEmpty {
            plan.notes.append("profile \"\(Printable.text(target.name))\" is still marked for deletion in \(remaining.map(\.container).joined(separator: ", ")) (not named by --container)")
        }
        return plan
    }

    /// Whether the container called `name` at `path` is the one the user named.
    static func container(_ container: (name: String, path: String), matches wanted: String) -> Bool {
        KeyPath.namesEqual(container.name, wanted) || KeyPath.namesEqual(container.path, KeyPath.join(KeyPath.components(wanted)))
    }

    /// Every container key of `layout`'s root, inside and beside `Profiles`, empty ones included.
    static func containers(of layout: ProfileLayout, in hive: Hive) throws -> [(name: String, path: String)] {
        var result: [(name: String, path: String)] = []
        for parentPath in [layout.profilesPath, layout.parentPath] {
            guard let parent = try hive.locate(parentPath) else { continue }
            for child in try hive.children(of: parent.key) {
                let name = try hive.name(of: child)
                if DeletedProfilesContainer.isContainer(name) { result.append((name, KeyPath.appending(name, to: parent.path))) }
            }
        }
        return result
    }
}
