import FoundationEssentials
import Hivex

/// A repair of the MAPI profiles of a user hive (`unmark`, `purge`, `delete-profile`).
///
/// A repair first plans from the hive's ``ProfileInventory`` (nothing is changed while planning;
/// refusals happen here), then applies the plan in a ``HiveEditSession`` of the safe-edit path.
public protocol ProfileRepair: Sendable {
    /// Works out the changes from `inventory` alone (the profiles, containers and `DefaultProfile`
    /// values its reader found); reads and changes nothing.
    /// - Throws: `HiveError`: `keyNotFound` for a missing profile, `invalidArgument` for an ambiguous
    ///   name or a contradictory request, `refused` for what needs an explicit permission.
    func plan(_ inventory: ProfileInventory) throws -> RepairPlan
}

extension ProfileRepair {
    /// Reads the inventory of the session's hive once (without hashing it again: the safe-edit path
    /// already has), refuses a hive that is not a user hive, then plans and applies the repair.
    @discardableResult
    public func apply(to session: HiveEditSession) throws -> RepairPlan {
        let inventory = try ProfileInventory(planningFrom: session.hive)
        try inventory.requireUserHive()
        let plan = try plan(inventory)
        try plan.apply(to: session)
        return plan
    }

    /// Runs the repair on the hive at `hivePath` through ``SafeEditor``; the plan's notes are added
    /// to the result's warnings.
    public func run(hivePath: String, options: SafeEditOptions) throws -> SafeEditResult {
        let notes = RepairNotes()
        var result = try SafeEditor.edit(hivePath: hivePath, options: options) { session in
            notes.lines = try self.apply(to: session).notes
        }
        result.warnings += notes.lines
        return result
    }
}

/// Carries a plan's notes out of the edit closure.
private final class RepairNotes {
    var lines: [String] = []
}
