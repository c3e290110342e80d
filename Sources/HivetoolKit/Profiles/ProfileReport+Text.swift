import FoundationEssentials
import Hivex

extension ProfileReport {
    /// A table per root, the details of each profile, then the marks, then what free space held.
    public func writeText(to output: inout some TextOutputStream) {
        guard let inventory else { return }
        output.write("Hive: \(Printable.text(hive.path))\n")
        output.write("SHA-256: \(hive.sha256 ?? "-")\n")
        if let logsLine = hive.logsLine { output.write(logsLine + "\n") }
        for warning in warnings { output.write("WARNING: \(warning)\n") }
        if inventory.roots.isEmpty && inventory.deletedProfileMarks.isEmpty {
            output.write(problems.isEmpty ? "\nNo MAPI profiles: none of the profile roots exists in this hive.\n"
                                          : "\nNo profile root could be read: the hive is damaged (see PROBLEM below).\n")
        }
        for root in inventory.roots {
            let rootProfiles = inventory.profiles.filter { $0.layout == root.layout }
            output.write("\n\(root.layout.title): \(Printable.text(root.path))\n")
            output.write("Default profile: \(root.defaultProfile.map(Printable.text) ?? "(none)")\n")
            if rootProfiles.isEmpty {
                output.write("  (no profiles)\n")
                continue
            }
            var rows = [["PROFILE", "STATUS", "DEFAULT", "LAST WRITE", "SECTIONS", "SERVICES"]]
            for profile in rootProfiles {
                rows.append([profile.name, profile.status.rawValue, profile.isDefault ? "yes" : "", Timestamp.text(profile.lastWrite),
                             String(profile.sectionCount), profile.services.map(\.name).joined(separator: ", ")])
            }
            output.write(TextTable.render(rows))
            for profile in rootProfiles { writeDetails(of: profile, to: &output) }
        }
        let marks = inventory.deletedProfileMarks
        output.write("\nDeletion marks (\(marks.count))\(marks.isEmpty ? "" : ":")\n")
        if !marks.isEmpty {
            var rows = [["PROFILE", "CONTAINER", "SID CRC", "WHERE", "LAST WRITE", "PROFILE"]]
            for mark in marks {
                rows.append([mark.profile, mark.container, mark.sidCRC ?? "-", "\(mark.layout.rawValue), \(mark.placement)",
                             Timestamp.text(mark.lastWrite), mark.profileExists ? "exists (pending deletion)" : "STALE: no such profile"])
            }
            output.write(TextTable.render(rows))
        }
        writeRecoveredText(deleted: inventory.deletedProfiles ?? [], marks: inventory.recoveredMarks ?? [], to: &output)
        for problem in problems { output.write("PROBLEM: \(problem)\n") }
    }

    /// The profiles and marks recovered from free space, when there are any.
    private func writeRecoveredText(deleted: [MAPIProfile], marks: [DeletionMark], to output: inout some TextOutputStream) {
        if !deleted.isEmpty {
            output.write("\nDeleted profiles (recovered from free space) (\(deleted.count)):\n")
            var rows = [["PROFILE", "LAYOUT", "LAST WRITE", "SOURCE", "OFFSET", "SECTIONS", "SERVICES"]]
            for profile in deleted {
                rows.append([profile.name, profile.layout.rawValue, Timestamp.text(profile.lastWrite),
                             profile.recovery?.source.rawValue ?? "-", profile.recovery.map { "0x" + String($0.offset, radix: 16) } ?? "-",
                             String(profile.sectionCount), profile.services.map(\.name).joined(separator: ", ")])
            }
            output.write(TextTable.render(rows))
            for profile in deleted { writeDetails(of: profile, to: &output) }
        }
        if !marks.isEmpty {
            output.write("\nDeletion marks recovered from free space (\(marks.count)):\n")
            var rows = [["PROFILE", "CONTAINER", "SID CRC", "WHERE", "LAST WRITE", "SOURCE", "PROFILE"]]
            for mark in marks {
                let state = mark.profileExists ? "exists (created again?)"
                    : mark.recovery?.deletedProfileRecovered == true ? "deleted (recovered above)" : "deleted"
                rows.append([mark.profile, mark.container, mark.sidCRC ?? "-", "\(mark.layout.rawValue), \(mark.placement)",
                             Timestamp.text(mark.lastWrite), mark.recovery?.source.rawValue ?? "-", state])
            }
            output.write(TextTable.render(rows))
        }
    }

    /// The details of a live or deleted profile (a deleted one also says how it was recovered).
    private func writeDetails(of profile: MAPIProfile, to output: inout some TextOutputStream) {
        var lines: [String] = []
        if let recovery = profile.recovery {
            lines.append("key:       \(profile.keyPath)\(recovery.pathComplete ? "" : " (partial path)")")
            if profile.isDefault { lines.append("default:   DefaultProfile still names it") }
            if !profile.markedIn.isEmpty { lines.append("marked in: \(profile.markedIn.joined(separator: ", ")) (live, stale)") }
            for mark in recovery.recoveredMarks { lines.append("recovered mark: \(mark)") }
        } else if !profile.markedIn.isEmpty {
            lines.append("marked in: \(profile.markedIn.joined(separator: ", "))")
        }
        if profile.recovery?.valuesRecoverable == false {
            for account in profile.accounts {
                lines.append("account:   \(RegistryPath.components(account.keyPath).last ?? account.keyPath) (values not recoverable)")
            }
        } else {
            lines += ProfileInventory.detailLines(accounts: profile.accounts, dataFiles: profile.dataFiles, exchange: profile.exchange,
                                                  undecodable: profile.undecodableValues)
        }
        for note in profile.recovery?.notes ?? [] { lines.append("note:      \(note)") }
        guard !lines.isEmpty else { return }
        output.write("  \(Printable.text(profile.name))\(profile.isDeleted ? " (deleted)" : ""):\n")
        for line in lines { output.write("    \(Printable.text(line))\n") }
    }
}
