import Hivex

extension HivetoolError {
    /// Why HivetoolKit failed or refused, with the data the message is built from.
    public enum Reason: Hashable, Sendable {
        /// The Hivex layer failed (open, read, write): its error, wrapped.
        case hive(HiveError)

        // The safe-edit path.
        /// The file to edit cannot be read.
        case unreadable
        /// The file to edit is a symbolic link.
        case symbolicLink
        /// The file to edit is not a usable hive: `problem` says how (`is a transaction log`, ...).
        case damagedHive(problem: String)
        /// A walk of the whole hive stopped or met a damaged key (`detail` says where), so an edit
        /// could not be verified.
        case unverifiableHive(detail: String)
        /// The hive is dirty or its logs hold data; `advice` is the one option that gets past it.
        case dirtyHive(DirtyState, advice: DirtyAdvice)
        /// Logs were to be applied, but none applies to the dirty hive (the first skipped one, if any).
        case noLogApplies(SkippedLog?)
        /// Another hivetool holds the hive's lock.
        case lockedByAnother
        /// The hive went away between the preflight and the plan.
        case hiveDisappeared
        /// A backup to restore hashes otherwise than the journal recorded.
        case backupChanged(sha256: String, journalSHA256: String)
        /// A backup to restore is not in the journal beside it.
        case backupNotInJournal(journal: String)
        /// A thousand backups of the hive already have this edit's timestamp.
        case tooManyBackups
        /// The backup's copy hashes otherwise than the hive.
        case backupHashDiffers(sha256: String, expected: String)
        /// The edited hive, read back, is not the original with the plan applied.
        case editedHiveDiffers(difference: String)
        /// The edited hive, read back, is damaged or dirty (`problem`: `is dirty`, ...).
        case editedHiveDamaged(problem: String)
        /// A restored copy hashes otherwise than its backup.
        case copyHashDiffers(sha256: String, expected: String)

        // What the change belongs in.
        /// The hive is known to be of another kind than the change belongs in.
        case wrongHiveKind(HiveKind, evidence: String, expected: [HiveKind], change: String)
        /// The hive has no MAPI profile root, no `Deleted Profiles` container and no `Software` key.
        case notAUserHive
        /// A key is missing; `creatable` when ``Remedy/Option/createKey`` would create it.
        case missingKey(creatable: Bool)
        /// A value is missing.
        case missingValue(name: String)
        /// A value to set as a 4-byte REG_DWORD holds another type (`summary` shows its data).
        case otherValueType(name: String, type: ValueType, summary: String)
        /// Neither view of the SOFTWARE hive has `KVS\Enterprise Vault`.
        case enterpriseVaultNotInstalled

        // MAPI profiles.
        /// No profile of that name (in `layout` when given); where else it exists, and which
        /// containers hold stale marks naming it.
        case profileNotFound(name: String, layout: ProfileLayout?, existsUnder: [ProfileLayout], staleMarksIn: [String],
                             hasProfileRoot: Bool)
        /// Several roots hold a profile of that name.
        case ambiguousProfile(name: String, layouts: [ProfileLayout])
        /// The profile to delete is its root's default.
        case defaultProfile(name: String, layout: ProfileLayout)
        /// A new default was given, but the profile deleted is not the default.
        case notDefaultProfile(name: String, layout: ProfileLayout, currentDefault: String?)
        /// The new default profile does not exist in the root.
        case newDefaultNotFound(name: String, layout: ProfileLayout)
        /// The new default profile is the one being deleted.
        case newDefaultIsDeleted
        /// No `Deleted Profiles` container of that name in the root (`existing` are the root's).
        case containerNotFound(name: String, layout: ProfileLayout, existing: [String])

        // Paths and arguments.
        /// A key path starts where Windows mounts another kind of hive.
        case foreignMountPoint(mountPoint: String, mountKind: HiveKind, kind: HiveKind, evidence: String, pathBelow: String)
        /// A key path starts with a root that is no hive file's.
        case notAHiveRoot(name: String, mountPoints: [String])
        /// No `Windows/System32/config/SOFTWARE` below a Windows root (`missing` not found in `folder`).
        case noSoftwareHive(windowsRoot: String, missing: String, folder: String)
        /// The edit session was used after its commit.
        case editSessionClosed
        /// The root key was to be deleted.
        case rootKeyDeletion
        /// A bad argument, in words the user understands.
        case invalidArgument(String)
        /// 0 days of `ProfileExpire` were asked for without ``Remedy/Option/allowZero``.
        case zeroDays

        // Logs.
        /// `recover`: no log applies.
        case nothingToRecover(UnappliedLogs)

        /// The options that get past this reason, and what each costs.
        public var remedies: [Remedy] {
            switch self {
            case .dirtyHive(_, let advice): [advice.remedy]
            case .noLogApplies: [Remedy(.force, cost: Cost.primaryAsItIs)]
            case .lockedByAnother: [Remedy(.wait, cost: "the edit waits until the other one ends")]
            case .backupNotInJournal: [Remedy(.force, cost: "the backup's hash is not checked against the journal")]
            case .missingKey(creatable: true): [Remedy(.createKey, cost: Cost.keysAbove)]
            case .enterpriseVaultNotInstalled:
                [Remedy(.createKey, cost: Cost.onlyThatView), Remedy(.view(.native), cost: Cost.onlyThatView),
                 Remedy(.view(.wow6432node), cost: Cost.onlyThatView)]
            case .otherValueType: [Remedy(.replaceType, cost: Cost.oldValueInBackup)]
            case .profileNotFound(_, _, _, let stale, _) where !stale.isEmpty: [Remedy(.staleOnly, cost: "only the stale marks are removed")]
            case .ambiguousProfile: [Remedy(.layout, cost: "only the profile of that root is changed")]
            case .defaultProfile:
                [Remedy(.forceDefault, cost: "DefaultProfile is deleted too"),
                 Remedy(.newDefault, cost: "another profile of the root becomes the default")]
            case .zeroDays: [Remedy(.allowZero, cost: Cost.zeroDays)]
            default: []
            }
        }

        /// True for a wrapped `HiveError`, whose text already names its key.
        var isHiveError: Bool {
            if case .hive = self { true } else { false }
        }
    }

    /// Why an edit of a dirty hive, or one whose logs hold data, was refused.
    public struct DirtyState: Hashable, Sendable {
        /// The base block's sequence numbers differ.
        public var isDirty: Bool
        public var primarySequence: UInt32
        public var secondarySequence: UInt32
        /// The transaction logs beside the hive that hold data.
        public var logsHoldingData: [String]

        public init(isDirty: Bool, primarySequence: UInt32, secondarySequence: UInt32, logsHoldingData: [String]) {
            self.isDirty = isDirty
            self.primarySequence = primarySequence
            self.secondarySequence = secondarySequence
            self.logsHoldingData = logsHoldingData
        }

        /// Neither dirty nor with logs holding data: nothing to refuse.
        public var isClean: Bool { !isDirty && logsHoldingData.isEmpty }

        /// `the hive is dirty (sequence numbers 5 and 4 differ); transaction logs hold data: LOG1`.
        public var text: String {
            var parts: [String] = []
            if isDirty { parts.append("the hive is dirty (sequence numbers \(primarySequence) and \(secondarySequence) differ)") }
            if !logsHoldingData.isEmpty { parts.append("transaction logs hold data: \(logsHoldingData.joined(separator: ", "))") }
            return parts.joined(separator: "; ")
        }
    }

    /// The one option that gets past a dirty hive (never advice that fails in turn).
    public enum DirtyAdvice: Hashable, Sendable {
        /// A log applies: edit the hive with its logs applied.
        case applyLogs
        /// The hive is clean and its logs hold data that does not apply: edit it anyway.
        case forceCleanHive
        /// The hive is dirty and no log applies (`skipped` says why; empty: no log beside it):
        /// edit the primary as it is.
        case forcePrimary(skipped: [SkippedLog])
        /// A restore over a dirty hive: replace it anyway.
        case forceReplace

        /// The option, and what it costs.
        public var remedy: Remedy {
            switch self {
            case .applyLogs: Remedy(.applyLogs, cost: Cost.logsApplied)
            case .forceCleanHive: Remedy(.force, cost: Cost.logsLeft)
            case .forcePrimary: Remedy(.force, cost: Cost.primaryAsItIs)
            case .forceReplace: Remedy(.force, cost: Cost.logsLost)
            }
        }
    }

    /// Why `recover` had nothing to write.
    public enum UnappliedLogs: Hashable, Sendable {
        /// The hive is clean, so its logs do not apply.
        case cleanHive
        /// The hive is dirty and every log beside it was skipped, for these reasons.
        case skipped([SkippedLog])
        /// The hive is dirty and no log is beside it.
        case noLog
    }

    /// What remedies cost, in the words the messages use.
    enum Cost {
        static let logsApplied = "the edited hive is written clean; the logs are backed up and left in place"
        static let logsLeft = "the logs are left as they are"
        static let primaryAsItIs = "the changes Windows had not yet written to it are lost"
        static let logsLost = "whatever its logs hold is lost"
        static let keysAbove = "with the keys above it that are missing"
        static let onlyThatView = "only an Enterprise Vault installed in that view reads it"
        static let oldValueInBackup = "the old value then survives only in the backup"
        static let zeroDays = "Enterprise Vault deletes every profile it created at the next service restart"
    }
}
