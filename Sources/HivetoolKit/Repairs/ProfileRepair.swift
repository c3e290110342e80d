import FoundationEssentials
import Hivex

/// A repair of the MAPI profiles of a user hive (`unmark`, `purge`, `delete-profile`).
///
/// A repair first plans from the hive's ``ProfileInventory`` (nothing is changed while planning;
/// refusals happen here), then applies the plan in a ``HiveEditSession`` of the safe-edit path.
public protocol ProfileRepair: Sendable {
    /// Works out the changes from `inventory` alone (the profiles, containers and `DefaultProfile`
    /// values its reader found); reads and changes nothing.
    /// - Throws: ``HivetoolError`` with a reason: a missing profile or container, an ambiguous name,
    ///   a contradictory request, or a refusal naming the ``Remedy`` that gets past it.
    func plan(_ inventory: ProfileInventory) throws -> RepairPlan
}

extension ProfileRepair {
    /// Reads the inventory of the session's hive once (without hashing it again: the safe-edit path
    /// already has), refuses a hive that is not a user hive (by its keys, then by its kind), then
    /// plans and applies the repair.
    @discardableResult
    public func apply(to session: HiveEditSession) throws -> RepairPlan {
        let inventory = try ProfileInventory(hive: session.hive)
        try inventory.requireUserHive()
        // A Windows 10 SYSTEM hive has a root Software key: only its kind tells it apart.
        try HiveKindEvidence(hive: session.hive).require([.user, .default], for: "a MAPI profile repair", path: session.hive.path)
        let plan = try plan(inventory)
        try plan.apply(to: session)
        return plan
    }

    /// Runs the repair on the hive at `hivePath` through ``SafeEditor``; the plan's notes are added
    /// to the result's warnings, options spelled by `options.spelling`.
    public func run(hivePath: String, options: SafeEditOptions) throws -> SafeEditResult {
        let notes = RepairNotes()
        var result = try SafeEditor.edit(hivePath: hivePath, options: options) { session in
            notes.lines = try self.apply(to: session).notes
        }
        result.warnings += notes.lines.map { $0.text(spelling: options.spelling) }
        return result
    }
}

/// Carries a plan's notes out of the edit closure.
private final class RepairNotes {
    var lines: [RepairNote] = []
}
