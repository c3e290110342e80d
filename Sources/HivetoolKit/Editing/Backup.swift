import Foundation
import Glibc
import Hivex

/// Verified backups: `HIVE.<UTC timestamp>.bak`, created exclusively, flushed, hash-checked.
enum Backup {
    /// `20261122T043015Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// The hive a backup name belongs to: `NTUSER.DAT.20261122T043015Z.bak` -> `NTUSER.DAT`
    /// (also with a `.N` counter before `.bak`); nil for other names.
    static func originalName(ofBackup name: String) -> String? {
        guard let match = name.range(of: #"\.[0-9]{8}T[0-9]{6}Z(\.[0-9]+)?\.bak$"#, options: .regularExpression) else { return nil }
        return String(name[..<match.lowerBound])
    }

    /// Copies `hive` to a new backup in `folder` and proves the copy's SHA-256 is `expectedSHA256`.
    /// `created` runs once the backup's file exists, before anything is copied into it (the edit
    /// journals it there, so that a kill from then on leaves a record naming it).
    /// - Returns: the backup's path.
    static func create(of hive: String, in folder: String, time: Date, expectedSHA256: String,
                       created: (String) throws -> Void = { _ in }) throws -> String {
        let name = (hive as NSString).lastPathComponent + "." + timestamp(time)
        let base = folder == "." ? name : (folder as NSString).appendingPathComponent(name)
        var descriptor: Int32 = -1
        var path = base + ".bak"
        for counter in 1...1000 {
            do {
                descriptor = try FileOperations.createExclusive(path, mode: 0o600, operation: "create the backup")
                break
            } catch let error as HiveError where error.errno == .fileExists {
                path = base + ".\(counter).bak"  // never overwrite an earlier backup
            } catch let error as HiveError {
                throw SafeEditError(.backup, error)
            }
        }
        guard descriptor >= 0 else {
            throw SafeEditError(.backup, path: path, message: "too many backups with the same timestamp")
        }
        defer { close(descriptor) }
        do {
            try created(path)
            FaultPoint.duringBackup.reach()
            try FileOperations.copy(from: hive, to: descriptor, destination: path)
            try FileOperations.syncFolder(folder)
            let actual = try FileDigest.sha256(path: path)
            guard actual == expectedSHA256 else {
                throw SafeEditError(.backup, path: path, message: "the backup's SHA-256 \(actual) differs from the hive's \(expectedSHA256)")
            }
        } catch let error as HiveError {
            FileOperations.remove(path)
            throw SafeEditError(.backup, error)
        } catch {
            FileOperations.remove(path)
            throw error
        }
        return path
    }
}
