import Hivex

extension HivetoolError.Reason {
    /// The reason in words, options spelled by `s`; without the file and key the error adds.
    public func text(spelling s: OptionSpelling) -> String {
        typealias Cost = HivetoolError.Cost
        switch self {
        case .hive(let error): return error.description.dropPrefix(error.path + ": ")
        case .unreadable: return "cannot read the file"
        case .symbolicLink: return "is a symbolic link; pass the real hive path"
        case .damagedHive(let problem): return "refusing to edit: the file \(problem)"
        case .unverifiableHive(let detail): return "hive is damaged and cannot be verified: \(detail)"
        case .dirtyHive(let state, let advice): return "refusing to edit: \(state.text); \(advice.text(spelling: s))"
        case .noLogApplies(let skipped):
            let why = skipped.map { " (\(PathName.last($0.path)): \($0.reason))" } ?? ""
            return "refusing to edit: \(s(.applyLogs)), but no transaction log applies\(why); use \(s(.force)) instead of "
                + "\(s(.applyLogs)) to edit the primary as it is (\(Cost.primaryAsItIs))"
        case .lockedByAnother: return "another hivetool is editing this hive (use \(s(.wait)) to wait for it)"
        case .hiveDisappeared: return "the hive disappeared"
        case .backupChanged(let sha256, let journalSHA256):
            return "refusing to restore: the backup's SHA-256 \(sha256) differs from the journal's \(journalSHA256)"
        case .backupNotInJournal(let journal):
            return "refusing to restore: the backup is not recorded in \(journal), so its hash cannot be checked (use \(s(.force)) to restore anyway)"
        case .tooManyBackups: return "too many backups with the same timestamp"
        case .backupHashDiffers(let sha256, let expected): return "the backup's SHA-256 \(sha256) differs from the hive's \(expected)"
        case .editedHiveDiffers(let difference): return "the edited hive is not as intended (\(difference)); the original is unchanged"
        case .editedHiveDamaged(let problem): return "the edited hive \(problem); the original is unchanged"
        case .copyHashDiffers(let sha256, let expected): return "the copy's SHA-256 \(sha256) differs from the backup's \(expected)"
        case .wrongHiveKind(let kind, let evidence, let expected, let change):
            let wanted = expected.map { $0.rawValue.uppercased() }.joined(separator: " or ")
            return "this is a \(kind.rawValue.uppercased()) hive (\(evidence)), not a \(wanted) hive: \(change) does not belong in it; nothing was written"
        case .notAUserHive:
            return "not a user hive: it has no MAPI profile root and no Software key; MAPI profiles live in a user's NTUSER.DAT (or the DEFAULT hive for LocalSystem services)"
        case .missingKey(let creatable):
            return "key not found" + (creatable ? "; add \(s(.createKey)) to create it (\(Cost.keysAbove))" : "")
        case .missingValue(let name): return "value \"\(name)\" not found"
        case .otherValueType(let name, let type, let summary):
            return "\(name) is \(type) \(summary), not a 4-byte REG_DWORD; left alone (add \(s(.replaceType)) to replace it with a REG_DWORD: \(Cost.oldValueInBackup))"
        case .enterpriseVaultNotInstalled:
            return "Enterprise Vault is not installed in this hive (no KVS\\Enterprise Vault in either view); add \(s(.createKey)) with "
                + "\(s(.view(.native))) or \(s(.view(.wow6432node))) to create the Agents key anyway (\(Cost.onlyThatView))"
        default: return profileText(spelling: s) ?? argumentText(spelling: s)
        }
    }

    /// The text of a profile reason; nil for others.
    private func profileText(spelling s: OptionSpelling) -> String? {
        switch self {
        case .profileNotFound(let name, let layout, let existsUnder, let staleMarksIn, let hasProfileRoot):
            var text = "no MAPI profile named \(Self.quoted(name))"
            if let layout {
                text += " under \(layout.rawValue)"
                if !existsUnder.isEmpty { text += " (it exists under \(existsUnder.map(\.rawValue).joined(separator: ", ")))" }
            }
            if !staleMarksIn.isEmpty { text += "; stale marks name it in \(staleMarksIn.joined(separator: ", ")) (remove them with \(s(.staleOnly)))" }
            if !hasProfileRoot { text += "; this hive has no MAPI profile root" }
            return text
        case .ambiguousProfile(let name, let layouts):
            return "profile \(Self.quoted(name)) exists under several roots (\(layouts.map(\.rawValue).joined(separator: ", "))); choose one with \(s(.layout))"
        case .defaultProfile(let name, let layout):
            return "refusing to delete \(Self.quoted(name)): it is the default profile of the \(layout.rawValue) root; pass \(s(.forceDefault)) "
                + "to delete it and clear DefaultProfile, or \(s(.newDefault)) NAME to make another profile the default"
        case .notDefaultProfile(let name, let layout, let currentDefault):
            let current = currentDefault.map { "the default is \(Self.quoted($0))" } ?? "the root has no default"
            return "\(Self.quoted(name)) is not the default profile of the \(layout.rawValue) root (\(current)); \(s(.newDefault)) only applies when deleting the default profile"
        case .newDefaultNotFound(let name, let layout):
            return "\(s(.newDefault)): no profile named \(Self.quoted(name)) under \(layout.rawValue)"
        case .newDefaultIsDeleted: return "\(s(.newDefault)) names the profile being deleted"
        case .containerNotFound(let name, let layout, let existing):
            let known = existing.isEmpty ? "it has none" : "it has " + existing.map { "\"\($0)\"" }.joined(separator: ", ")
            return "no Deleted Profiles container \(Self.quoted(name)) in the \(layout.rawValue) root (\(known))"
        default: return nil
        }
    }

    /// The text of a path, argument or log reason.
    private func argumentText(spelling s: OptionSpelling) -> String {
        switch self {
        case .foreignMountPoint(let mountPoint, let mountKind, let kind, let evidence, let pathBelow):
            return "\(mountPoint) is where Windows mounts a \(mountKind.rawValue) hive, but this is a \(kind.rawValue) hive (\(evidence)); "
                + "give the path below its root, e.g. \(pathBelow)"
        case .notAHiveRoot(let name, let mountPoints):
            return "\(name) is not the root of a hive file; give the path below the hive's root, or start it with \(mountPoints.joined(separator: ", "))"
        case .noSoftwareHive(let windowsRoot, let missing, let folder):
            return "no SOFTWARE hive under the Windows root \(windowsRoot) (looked for \(missing) in \(folder))"
        case .editSessionClosed: return "the edit session was closed after its commit"
        case .rootKeyDeletion: return "the root key cannot be deleted"
        case .invalidArgument(let message): return message
        case .zeroDays:
            return "DAYS 0 makes Enterprise Vault delete every profile it created at the next service restart; pass \(s(.allowZero)) to really set it"
        case .nothingToRecover(let logs): return "nothing to recover: " + logs.text
        default: return "\(self)"
        }
    }

    /// A profile name in quotes, control characters escaped.
    private static func quoted(_ name: String) -> String {
        "\"\(Printable.text(name))\""
    }
}

extension HivetoolError.DirtyAdvice {
    /// The advice in words, the option spelled by `s`.
    func text(spelling s: OptionSpelling) -> String {
        let cost = remedy.cost
        switch self {
        case .applyLogs: return "use \(s(.applyLogs)) to edit the hive with its logs applied (\(cost))"
        case .forceCleanHive: return "these logs do not apply to a clean hive; use \(s(.force)) to edit it anyway (\(cost))"
        case .forcePrimary(let skipped):
            let why = skipped.isEmpty ? "no transaction log is beside it"
                : "no transaction log applies (" + skipped.map { "\(PathName.last($0.path)): \($0.reason)" }.joined(separator: "; ") + ")"
            return "\(why); use \(s(.force)) to edit the primary as it is (\(cost))"
        case .forceReplace: return "use \(s(.force)) to replace it anyway: \(cost)"
        }
    }
}

extension HivetoolError.UnappliedLogs {
    /// Why no log applies, in words.
    var text: String {
        switch self {
        case .cleanHive: "the hive is clean, so its logs do not apply"
        case .skipped(let logs): "no transaction log applies (" + logs.map { "\(PathName.last($0.path)): \($0.reason)" }.joined(separator: "; ") + ")"
        case .noLog: "the hive is dirty but has no transaction log beside it"
        }
    }
}
