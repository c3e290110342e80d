import FoundationEssentials
import Glibc
import Hivex

/// Verified backups: `HIVE.<UTC timestamp>.bak`, created exclusively, flushed, hash-checked.
enum Backup {
    /// `20261122T043015Z`.
    static func timestamp(_ date: Date) -> String {
        Timestamp.compact(date)
    }

    /// The hive a backup name belongs to: `NTUSER.DAT.20261122T043015Z.bak` -> `NTUSER.DAT`
    /// (also with a `.N` counter before `.bak`); nil for other names.
    static func originalName(ofBackup name: String) -> String? {
        guard name.hasSuffix(".bak") else { return nil }
        var parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 2, let counter = parts.last, !counter.isEmpty, counter.allSatisfy(isDigit) { parts.removeLast() }
        guard parts.count >= 2, let stamp = parts.last, isCompactTimestamp(stamp) else { return nil }
        return parts.dropLast().joined(separator: ".")
    }

    /// `20261122T043015Z`: 8 digits, `T`, 6 digits, `Z`.
    static func isCompactTimestamp(_ text: Substring) -> Bool {
        let characters = Array(text)
        return characters.count == 16 && characters[8] == "T" && characters[15] == "Z"
            && characters[0..<8].allSatisfy(isDigit) && characters[9..<15].allSatisfy(isDigit)
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber
    }

    /// A backup's file, created empty (exclusively) and open for writing: ``fill(from:expectedSHA256:)``
    /// copies the hive into it.
    struct Reserved: Sendable {
        let path: String
        let folder: String
        let descriptor: Int32

        /// Copies `hive` into the backup, flushes it and its folder, and proves the copy's SHA-256 is
        /// `expectedSHA256`; closes the file, and removes it on failure.
        func fill(from hive: String, expectedSHA256: String) throws {
            defer { close(descriptor) }
            do {
                FaultPoint.duringBackup.reach()
                try FileOperations.copy(from: hive, to: descriptor, destination: path)
                try FileOperations.syncFolder(folder)
                let actual = try FileDigest.sha256(path: path)
                guard actual == expectedSHA256 else {
                    throw HivetoolError(.backupHashDiffers(sha256: actual, expected: expectedSHA256), path: path, step: .backup)
                }
            } catch let error as HiveError {
                FileOperations.remove(path)
                throw HivetoolError(error, step: .backup)
            } catch {
                FileOperations.remove(path)
                throw error
            }
        }

        /// Gives the backup up before it is filled: closes and removes its file.
        func discard() {
            close(descriptor)
            FileOperations.remove(path)
        }
    }

    /// Creates the empty file of a new backup of `hive` in `folder`: `HIVE.<timestamp>.bak`, or with a
    /// counter before `.bak` when that name exists (an earlier backup is never overwritten).
    static func reserve(of hive: String, in folder: String, time: Date) throws -> Reserved {
        let name = PathName.last(hive) + "." + timestamp(time)
        let base = folder == "." ? name : PathName.join(folder, name)
        var path = base + ".bak"
        for counter in 1...1000 {
            do {
                let descriptor = try FileOperations.createExclusive(path, mode: 0o600, operation: "create the backup")
                return Reserved(path: path, folder: folder, descriptor: descriptor)
            } catch let error as HiveError where error.errno == .fileExists {
                path = base + ".\(counter).bak"
            } catch let error as HiveError {
                throw HivetoolError(error, step: .backup)
            }
        }
        throw HivetoolError(.tooManyBackups, path: path, step: .backup)
    }

    /// Copies `hive` to a new backup in `folder` and proves the copy's SHA-256 is `expectedSHA256`.
    /// `created` runs once the backup's file exists, before anything is copied into it (the edit
    /// journals it there, so that a kill from then on leaves a record naming it).
    /// - Returns: the backup's path.
    static func create(of hive: String, in folder: String, time: Date, expectedSHA256: String,
                       created: (String) throws -> Void = { _ in }) throws -> String {
        let reserved = try reserve(of: hive, in: folder, time: time)
        do {
            try created(reserved.path)
        } catch {
            reserved.discard()
            throw error
        }
        try reserved.fill(from: hive, expectedSHA256: expectedSHA256)
        return reserved.path
    }
}
