import Foundation
import Hivex
import Testing
@testable import HivetoolKit

/// HivetoolKit's one error type: every reason's text, remedies and exit status, and the rule that a
/// library message never spells a command-line flag (issue 16).
@Suite struct HivetoolErrorTests {
    static let skipped = SkippedLog(path: "/x/NTUSER.DAT.LOG1", reason: "its sequence number does not follow")
    static let dirty = HivetoolError.DirtyState(isDirty: true, primarySequence: 5, secondarySequence: 4, logsHoldingData: ["/x/NTUSER.DAT.LOG1"])

    /// One example of every reason (``name(_:)`` makes a new reason fail to compile until it is named
    /// there; ``everyReasonHasAnExample()`` then fails until it has an example here).
    static let reasons: [HivetoolError.Reason] = [
        .hive(HiveError(.corrupt, operation: "open", path: "x", keyPath: #"A\B"#, errno: .notSupported, message: "hive is corrupt")),
        .unreadable, .symbolicLink, .damagedHive(problem: "is a transaction log"), .unverifiableHive(detail: #"A\B: its parent link is wrong"#),
        .dirtyHive(dirty, advice: .applyLogs), .dirtyHive(dirty, advice: .forceCleanHive),
        .dirtyHive(dirty, advice: .forcePrimary(skipped: [])), .dirtyHive(dirty, advice: .forcePrimary(skipped: [skipped])),
        .dirtyHive(dirty, advice: .forceReplace), .noLogApplies(skipped), .noLogApplies(nil), .lockedByAnother, .hiveDisappeared,
        .backupChanged(sha256: "aa", journalSHA256: "bb"), .backupNotInJournal(journal: "/x/hivetool-journal.jsonl"),
        .tooManyBackups, .backupHashDiffers(sha256: "aa", expected: "bb"), .editedHiveDiffers(difference: "value X differs"),
        .editedHiveDamaged(problem: "is dirty"), .copyHashDiffers(sha256: "aa", expected: "bb"),
        .wrongHiveKind(.user, evidence: "root keys", expected: [.software], change: "Enterprise Vault's ProfileExpire"),
        .notAUserHive, .missingKey(creatable: false), .missingKey(creatable: true), .missingValue(name: "DefaultProfile"),
        .otherValueType(name: "ProfileExpire", type: .string, summary: "\"5\""), .enterpriseVaultNotInstalled,
        .profileNotFound(name: "Gone", layout: .office16, existsUnder: [.office15], staleMarksIn: ["Deleted Profiles"], hasProfileRoot: false),
        .profileNotFound(name: "Gone", layout: nil, existsUnder: [], staleMarksIn: [], hasProfileRoot: true),
        .ambiguousProfile(name: "Outlook", layouts: [.windowsMessagingSubsystem, .office16]),
        .defaultProfile(name: "Work", layout: .office16), .notDefaultProfile(name: "Old", layout: .office16, currentDefault: "Work"),
        .notDefaultProfile(name: "Old", layout: .office16, currentDefault: nil), .newDefaultNotFound(name: "New", layout: .office16),
        .newDefaultIsDeleted, .containerNotFound(name: "Deleted Profiles", layout: .office16, existing: ["Deleted Profiles_CAFE"]),
        .foreignMountPoint(mountPoint: #"HKLM\SOFTWARE"#, mountKind: .software, kind: .user, evidence: "root keys", pathBelow: "Microsoft"),
        .notAHiveRoot(name: "HKLM", mountPoints: ["HKCU"]), .noSoftwareHive(windowsRoot: "/mnt", missing: "Windows", folder: "/mnt"),
        .editSessionClosed, .rootKeyDeletion, .invalidArgument("DAYS must not be negative (got -1)"), .zeroDays,
        .nothingToRecover(.cleanHive), .nothingToRecover(.skipped([skipped])), .nothingToRecover(.noLog),
    ]

    /// The case's name; no `default`, so a new case must be named here.
    static func name(_ reason: HivetoolError.Reason) -> String {
        switch reason {
        case .hive: "hive"
        case .unreadable: "unreadable"
        case .symbolicLink: "symbolicLink"
        case .damagedHive: "damagedHive"
        case .unverifiableHive: "unverifiableHive"
        case .dirtyHive: "dirtyHive"
        case .noLogApplies: "noLogApplies"
        case .lockedByAnother: "lockedByAnother"
        case .hiveDisappeared: "hiveDisappeared"
        case .backupChanged: "backupChanged"
        case .backupNotInJournal: "backupNotInJournal"
        case .tooManyBackups: "tooManyBackups"
        case .backupHashDiffers: "backupHashDiffers"
        case .editedHiveDiffers: "editedHiveDiffers"
        case .editedHiveDamaged: "editedHiveDamaged"
        case .copyHashDiffers: "copyHashDiffers"
        case .wrongHiveKind: "wrongHiveKind"
        case .notAUserHive: "notAUserHive"
        case .missingKey: "missingKey"
        case .missingValue: "missingValue"
        case .otherValueType: "otherValueType"
        case .enterpriseVaultNotInstalled: "enterpriseVaultNotInstalled"
        case .profileNotFound: "profileNotFound"
        case .ambiguousProfile: "ambiguousProfile"
        case .defaultProfile: "defaultProfile"
        case .notDefaultProfile: "notDefaultProfile"
        case .newDefaultNotFound: "newDefaultNotFound"
        case .newDefaultIsDeleted: "newDefaultIsDeleted"
        case .containerNotFound: "containerNotFound"
        case .foreignMountPoint: "foreignMountPoint"
        case .notAHiveRoot: "notAHiveRoot"
        case .noSoftwareHive: "noSoftwareHive"
        case .editSessionClosed: "editSessionClosed"
        case .rootKeyDeletion: "rootKeyDeletion"
        case .invalidArgument: "invalidArgument"
        case .zeroDays: "zeroDays"
        case .nothingToRecover: "nothingToRecover"
        }
    }

    static let notes: [RepairNote] = [
        .defaultProfileKept(name: "Work", layout: .office16), .ageUnknown(what: "stale mark", name: "Ancient"),
        .stillMarked(name: "Old", containers: ["Deleted Profiles"]), .newDefaultMarked(name: "New", containers: ["Deleted Profiles"]),
    ]

    @Test func everyReasonHasAnExample() {
        #expect(Set(Self.reasons.map(Self.name)).count == 37)
    }

    /// The rule of issue 16: the library names options by its API; only the command line spells flags.
    @Test func noLibraryMessageSpellsACommandLineFlag() {
        for reason in Self.reasons {
            for step in [nil] + HivetoolError.Step.allCases {
                let error = HivetoolError(reason, path: "/x/NTUSER.DAT", keyPath: #"Software\Key"#, step: step)
                #expect(!error.description.contains("--"), "\(error)")
            }
            #expect(!HivetoolError(reason, path: nil).description.contains("--"))
        }
        for note in Self.notes {
            #expect(!note.text(spelling: { $0.name }).contains("--"), "\(note)")
        }
        let options: [Remedy.Option] = [.force, .applyLogs, .wait, .createKey, .view(.native), .view(.wow6432node), .replaceType,
                                        .allowZero, .forceDefault, .newDefault, .layout, .container, .olderThan, .staleOnly, .unsafe]
        for option in options { #expect(!option.name.contains("--") && !option.name.isEmpty, "\(option)") }
    }

    /// Each remedy a reason offers is named in its message, and a message names no option it does
    /// not offer, except where the message is about the option given (`newDefault`, `applyLogs`).
    @Test func theMessageNamesExactlyTheRemediesOffered() {
        let spell: OptionSpelling = { "<\($0.name)>" }
        for reason in Self.reasons {
            let text = reason.text(spelling: spell)
            for remedy in reason.remedies {
                #expect(text.contains(spell(remedy.option)), "\(reason) offers \(remedy.option) but does not say so: \(text)")
                #expect(!remedy.cost.isEmpty && !remedy.cost.contains("--"))
            }
            let named = text.filter { $0 == "<" }.count
            let given: Int = switch reason {
            case .noLogApplies: 2  // "applyLogs, but no log applies; use force instead of applyLogs"
            case .notDefaultProfile, .newDefaultNotFound, .newDefaultIsDeleted: 1
            default: 0
            }
            #expect(named == reason.remedies.count + given, "\(reason): \(text)")
        }
        for note in Self.notes {
            for remedy in note.remedies { #expect(note.text(spelling: spell).contains(spell(remedy.option)), "\(note)") }
        }
    }

    @Test func refusalsOfferTheirRemedy() {
        #expect(HivetoolError.Reason.dirtyHive(Self.dirty, advice: .applyLogs).remedies.map(\.option) == [.applyLogs])
        for advice in [HivetoolError.DirtyAdvice.forceCleanHive, .forcePrimary(skipped: []), .forceReplace] {
            #expect(HivetoolError.Reason.dirtyHive(Self.dirty, advice: advice).remedies.map(\.option) == [.force])
        }
        #expect(HivetoolError.Reason.noLogApplies(nil).remedies.map(\.option) == [.force])
        #expect(HivetoolError.Reason.lockedByAnother.remedies.map(\.option) == [.wait])
        #expect(HivetoolError.Reason.missingKey(creatable: true).remedies.map(\.option) == [.createKey])
        #expect(HivetoolError.Reason.missingKey(creatable: false).remedies.isEmpty)
        #expect(HivetoolError.Reason.zeroDays.remedies.map(\.option) == [.allowZero])
        // What no option gets past.
        for reason in [HivetoolError.Reason.notAUserHive, .symbolicLink, .backupChanged(sha256: "a", journalSHA256: "b"),
                       .wrongHiveKind(.user, evidence: "e", expected: [.software], change: "c")] {
            #expect(reason.remedies.isEmpty && ExitStatus(reason) == .refused, "\(reason)")
        }
    }

    /// A wrapped `HiveError` keeps its text, key and kind; the step decides the exit status of a
    /// backup, write or verify step.
    @Test func aWrappedHiveErrorKeepsItsTextAndTheStepDecidesTheExitStatus() {
        let hive = HiveError(.permissionDenied, operation: "open", path: "/x/H", keyPath: #"A\B"#, errno: .permissionDenied, message: "cannot open")
        #expect(HivetoolError(hive).description == hive.description)
        #expect(HivetoolError(hive, step: .plan).description == hive.description)
        #expect(HivetoolError(hive, step: .lock).description == "/x/H: lock failed: " + hive.description.dropFirst("/x/H: ".count))
        #expect(HivetoolError(hive, step: .preflight).hiveError == hive)
        let statuses = [nil, HivetoolError.Step.preflight, .lock, .plan, .backup, .commit, .verify, .replace, .journal]
            .map { HivetoolError(hive, step: $0).exitStatus }
        #expect(statuses == [.noInput, .noInput, .noInput, .noInput, .backupFailed, .ioError, .verificationFailed, .ioError, .ioError])
        // A reason's own key is added once; a hive error's is in its text already.
        let missing = HivetoolError(.missingValue(name: "V"), path: "/x/H", keyPath: #"A\B"#)
        #expect(missing.description == #"/x/H: value "V" not found (key A\B)"# && missing.exitStatus == .notFound)
        #expect(HivetoolError.invalidArgument("bad").description == "bad")
    }
}
