import FoundationEssentials
import Hivex

extension ProfileInventory {
    /// Looks for deleted profiles and marks in the free space of `hive` (the image its live profiles
    /// were read from by `reader`). A hive whose free space cannot be scanned gets a warning, and the
    /// deleted lists stay nil (not looked at), never empty.
    mutating func addDeleted(hive: Hive, reader: ProfileReader) {
        let recovery: FreeSpaceRecovery
        do {
            recovery = try FreeSpaceRecovery(hive: hive)
        } catch let error as HiveError {
            warnings.append("deleted profiles not looked for: \(error.message)")
            return
        } catch {
            warnings.append("deleted profiles not looked for: \(error)")
            return
        }
        let found = DeletedProfileFinder(records: recovery.records, liveProfiles: profiles, liveMarks: deletedProfileMarks,
                                         liveProfileOffsets: reader.profileOffsets, roots: roots).find()
        deletedProfiles = found.profiles
        recoveredMarks = found.marks
        warnings += found.warnings
    }
}
