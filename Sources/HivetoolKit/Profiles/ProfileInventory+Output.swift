import FoundationEssentials
import Hivex

extension ProfileInventory {
    /// Writes the inventory in `format`.
    public func write(_ format: ListFormat, to output: inout some TextOutputStream) throws {
        switch format {
        case .text: writeText(to: &output)
        case .json: output.write(try JSONOutput.string(self) + "\n")
        case .jsonl: try writeJSONLines(to: &output)
        case .csv: writeCSV(to: &output, header: true)
        case .tln, .bodyfile, .timesketch: try format.timeline?.write(TimelineEvent.events(of: self), to: &output)
        }
    }

    /// One line per profile and per mark, each carrying the hive path.
    public func writeJSONLines(to output: inout some TextOutputStream) throws {
        for profile in profiles {
            output.write(try JSONOutput.string(JSONLRecord(record: "profile", hive: hive.path, body: profile), pretty: false) + "\n")
        }
        for mark in deletedProfileMarks {
            output.write(try JSONOutput.string(JSONLRecord(record: "mark", hive: hive.path, body: mark), pretty: false) + "\n")
        }
        for profile in deletedProfiles ?? [] {
            output.write(try JSONOutput.string(JSONLRecord(record: "deleted-profile", hive: hive.path, body: profile), pretty: false) + "\n")
        }
        for mark in recoveredMarks ?? [] {
            output.write(try JSONOutput.string(JSONLRecord(record: "recovered-mark", hive: hive.path, body: mark), pretty: false) + "\n")
        }
    }

    /// The CSV columns, shared by profile and mark rows.
    public static let csvColumns = [
        "record", "hive", "layout", "profile", "keyPath", "lastWrite", "status", "isDefault", "services", "accounts",
        "dataFiles", "container", "containerPath", "sidCRC", "profileExists",
    ]

    /// Profiles and marks as CSV rows with a `record` column.
    public func writeCSV(to output: inout some TextOutputStream, header: Bool) {
        if header { output.write(CSV.line(Self.csvColumns)) }
        for profile in profiles {
            output.write(CSV.line([
                "profile", hive.path, profile.layout.rawValue, profile.name, profile.keyPath, profile.lastWrite.map(Timestamp.iso8601) ?? "",
                profile.status.rawValue, String(profile.isDefault), profile.services.map(\.name).joined(separator: "; "),
                profile.accounts.map(\.summary).joined(separator: "; "), profile.dataFiles.map(\.path).joined(separator: "; "),
                profile.markedIn.joined(separator: "; "), "", "", "",
            ]))
        }
        for mark in deletedProfileMarks {
            output.write(CSV.line([
                "mark", hive.path, mark.layout.rawValue, mark.profile, mark.keyPath, mark.lastWrite.map(Timestamp.iso8601) ?? "",
                mark.profileExists ? "marked" : "stale", "", "", "", "", mark.container, mark.containerPath, mark.sidCRC ?? "",
                String(mark.profileExists),
            ]))
        }
        for profile in deletedProfiles ?? [] {
            output.write(CSV.line([
                "deleted-profile", hive.path, profile.layout.rawValue, profile.name, profile.keyPath,
                profile.lastWrite.map(Timestamp.iso8601) ?? "", "deleted", String(profile.isDefault),
                profile.services.map(\.name).joined(separator: "; "), profile.accounts.map(\.summary).joined(separator: "; "),
                profile.dataFiles.map(\.path).joined(separator: "; "), profile.markedIn.joined(separator: "; "), "", "", "",
            ]))
        }
        for mark in recoveredMarks ?? [] {
            output.write(CSV.line([
                "recovered-mark", hive.path, mark.layout.rawValue, mark.profile, mark.keyPath, mark.lastWrite.map(Timestamp.iso8601) ?? "",
                "deleted", "", "", "", "", mark.container, mark.containerPath, mark.sidCRC ?? "", String(mark.profileExists),
            ]))
        }
    }

    /// A table per root, the details of each profile, then the marks.
    public func writeText(to output: inout some TextOutputStream) {
        output.write("Hive: \(Printable.text(hive.path))\n")
        output.write("SHA-256: \(hive.sha256)\n")
        if let logsLine = hive.logsLine { output.write(logsLine + "\n") }
        for warning in warnings { output.write("WARNING: \(warning)\n") }
        if roots.isEmpty && deletedProfileMarks.isEmpty {
            output.write(problems.isEmpty ? "\nNo MAPI profiles: none of the profile roots exists in this hive.\n"
                                          : "\nNo profile root could be read: the hive is damaged (see PROBLEM below).\n")
        }
        for root in roots {
            let rootProfiles = profiles.filter { $0.layout == root.layout }
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
        output.write("\nDeletion marks (\(deletedProfileMarks.count))\(deletedProfileMarks.isEmpty ? "" : ":")\n")
        if !deletedProfileMarks.isEmpty {
            var rows = [["PROFILE", "CONTAINER", "SID CRC", "WHERE", "LAST WRITE", "PROFILE"]]
            for mark in deletedProfileMarks {
                rows.append([mark.profile, mark.container, mark.sidCRC ?? "-", "\(mark.layout.rawValue), \(mark.placement)",
                             Timestamp.text(mark.lastWrite), mark.profileExists ? "exists (pending deletion)" : "STALE: no such profile"])
            }
            output.write(TextTable.render(rows))
        }
        writeDeletedText(to: &output)
        for problem in problems { output.write("PROBLEM: \(problem)\n") }
    }

    /// The profiles and marks recovered from free space, when there are any.
    private func writeDeletedText(to output: inout some TextOutputStream) {
        let deleted = deletedProfiles ?? []
        let marks = recoveredMarks ?? []
        if !deleted.isEmpty {
            output.write("\nDeleted profiles (recovered from free space) (\(deleted.count)):\n")
            var rows = [["PROFILE", "LAYOUT", "LAST WRITE", "SOURCE", "OFFSET", "SECTIONS", "SERVICES"]]
            for profile in deleted {
                rows.append([profile.name, profile.layout.rawValue, Timestamp.text(profile.lastWrite), profile.source.rawValue,
                             "0x" + String(profile.offset, radix: 16), String(profile.sectionCount),
                             profile.services.map(\.name).joined(separator: ", ")])
            }
            output.write(TextTable.render(rows))
            for profile in deleted { writeDetails(of: profile, to: &output) }
        }
        if !marks.isEmpty {
            output.write("\nDeletion marks recovered from free space (\(marks.count)):\n")
            var rows = [["PROFILE", "CONTAINER", "SID CRC", "WHERE", "LAST WRITE", "SOURCE", "PROFILE"]]
            for mark in marks {
                let state = mark.profileExists ? "exists (created again?)" : mark.deletedProfileRecovered ? "deleted (recovered above)" : "deleted"
                rows.append([mark.profile, mark.container, mark.sidCRC ?? "-", "\(mark.layout.rawValue), \(mark.placement)",
                             Timestamp.text(mark.lastWrite), mark.source.rawValue, state])
            }
            output.write(TextTable.render(rows))
        }
    }

    private func writeDetails(of profile: DeletedProfile, to output: inout some TextOutputStream) {
        var lines = ["key:       \(profile.keyPath)\(profile.pathComplete ? "" : " (partial path)")"]
        if profile.isDefault { lines.append("default:   DefaultProfile still names it") }
        if !profile.markedIn.isEmpty { lines.append("marked in: \(profile.markedIn.joined(separator: ", ")) (live, stale)") }
        for mark in profile.recoveredMarks { lines.append("recovered mark: \(mark)") }
        if profile.valuesRecoverable {
            lines += detailLines(accounts: profile.accounts, dataFiles: profile.dataFiles, exchange: profile.exchange,
                                 undecodable: profile.undecodableValues)
        } else {
            for account in profile.accounts {
                lines.append("account:   \(RegistryPath.components(account.keyPath).last ?? account.keyPath) (values not recoverable)")
            }
        }
        for note in profile.notes { lines.append("note:      \(note)") }
        output.write("  \(Printable.text(profile.name)) (deleted):\n")
        for line in lines { output.write("    \(Printable.text(line))\n") }
    }

    private func writeDetails(of profile: MAPIProfile, to output: inout some TextOutputStream) {
        var lines: [String] = []
        if !profile.markedIn.isEmpty { lines.append("marked in: \(profile.markedIn.joined(separator: ", "))") }
        lines += detailLines(accounts: profile.accounts, dataFiles: profile.dataFiles, exchange: profile.exchange,
                             undecodable: profile.undecodableValues)
        guard !lines.isEmpty else { return }
        output.write("  \(Printable.text(profile.name)):\n")
        for line in lines { output.write("    \(Printable.text(line))\n") }
    }
}

extension ProfileInventory {
    /// The account, data file, Exchange and undecodable-value lines of a live or deleted profile.
    func detailLines(accounts: [MAPIAccount], dataFiles: [DataFile], exchange: ExchangeMailbox?,
                     undecodable: [UndecodableValue]) -> [String] {
        var lines: [String] = []
        for account in accounts { lines.append("account:   \(account.summary)") }
        for file in dataFiles { lines.append("data file: \(file.path) (\(file.kind))") }
        if let exchange {
            let parts = [("mailbox", exchange.mailbox), ("server", exchange.server), ("home server", exchange.homeServer),
                         ("SMTP", exchange.smtpAddress)].compactMap { label, value in value.map { "\(label) \($0)" } }
            lines.append("exchange:  \(parts.joined(separator: ", "))")
        }
        for value in undecodable {
            lines.append("undecodable: \(value.keyPath)\\\(value.value) (\(value.type)): \(value.reason)")
        }
        return lines
    }
}

extension MAPIAccount {
    /// `Name <email> (pop3 host, smtp host; user U; password present, encrypted)`.
    public var summary: String {
        var text = name ?? displayName ?? "(unnamed)"
        if let email, email != name { text += " <\(email)>" } else if let email, name == nil { text += " <\(email)>" }
        var details = servers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if let userName { details.append("user \(userName)") }
        if !encryptedPasswords.isEmpty { details.append("password present, encrypted") }
        return details.isEmpty ? text : text + " (" + details.joined(separator: ", ") + ")"
    }
}
