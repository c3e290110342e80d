import FoundationEssentials
import Hivex

extension ProfileReport {
    /// Writes the report in `format`. Every machine format starts with the hive record; a file that
    /// could not be read gives its hive record alone (text and timelines then write nothing).
    public func write(_ format: ListFormat, to output: inout some TextOutputStream) throws {
        switch format {
        case .text: if inventory != nil { writeText(to: &output) }
        case .json: output.write(try JSONOutput.string(self) + "\n")
        case .jsonl: try writeJSONLines(to: &output)
        case .csv: writeCSV(to: &output, header: true)
        case .tln, .bodyfile, .timesketch: try format.timeline?.write(TimelineEvent.events(of: self), to: &output)
        }
    }

    /// The hive record, then one line per profile and per mark, each carrying the hive's path and SHA-256.
    public func writeJSONLines(to output: inout some TextOutputStream) throws {
        output.write(try JSONOutput.string(hive, pretty: false) + "\n")
        guard let inventory else { return }
        for profile in inventory.allProfiles {
            output.write(try JSONOutput.string(JSONLRecord(record: profile.recordName, hive: hive.reference, body: profile), pretty: false) + "\n")
        }
        for mark in inventory.allMarks {
            output.write(try JSONOutput.string(JSONLRecord(record: mark.recordName, hive: hive.reference, body: mark), pretty: false) + "\n")
        }
    }

    /// The CSV columns, shared by the hive, profile and mark rows.
    public static let csvColumns = [
        "record", "hive", "hiveSha256", "layout", "profile", "keyPath", "lastWrite", "status", "isDefault", "services", "accounts",
        "dataFiles", "container", "containerPath", "sidCRC", "profileExists", "source", "offset", "size", "kind", "dirty",
        "logsApplied", "errorKind", "error",
    ]

    /// The hive row, then profiles and marks as CSV rows with a `record` column.
    public func writeCSV(to output: inout some TextOutputStream, header: Bool) {
        if header { output.write(CSV.line(Self.csvColumns)) }
        let sha256 = hive.sha256 ?? ""
        output.write(CSV.line([
            hive.record, hive.path, sha256, "", "", "", "", hive.status.rawValue, "", "", "", "", "", "", "", "", "", "",
            hive.size.map(String.init) ?? "", hive.kind?.rawValue ?? "", hive.dirty.map(String.init) ?? "", hive.logsApplied.joined(separator: "; "),
            hive.errorKind ?? "", hive.error ?? "",
        ]))
        guard let inventory else { return }
        for profile in inventory.allProfiles {
            output.write(CSV.line([
                profile.recordName, hive.path, sha256, profile.layout.rawValue, profile.name, profile.keyPath,
                profile.lastWrite.map(Timestamp.iso8601) ?? "", profile.status.rawValue, String(profile.isDefault),
                profile.services.map(\.name).joined(separator: "; "), profile.accounts.map(\.summary).joined(separator: "; "),
                profile.dataFiles.map(\.path).joined(separator: "; "), profile.markedIn.joined(separator: "; "), "", "", "",
            ] + Self.csvRecoveryFields(profile.recovery) + ["", "", "", "", "", ""]))
        }
        for mark in inventory.allMarks {
            let status = mark.isRecovered ? "deleted" : mark.profileExists ? "marked" : "stale"
            output.write(CSV.line([
                mark.recordName, hive.path, sha256, mark.layout.rawValue, mark.profile, mark.keyPath,
                mark.lastWrite.map(Timestamp.iso8601) ?? "", status, "", "", "", "", mark.container, mark.containerPath,
                mark.sidCRC ?? "", String(mark.profileExists),
            ] + Self.csvRecoveryFields(mark.recovery) + ["", "", "", "", "", ""]))
        }
    }

    /// The `source` and `offset` (hex) columns of a recovered record; empty for a live one.
    static func csvRecoveryFields(_ recovery: Recovery?) -> [String] {
        guard let recovery else { return ["", ""] }
        return [recovery.source.rawValue, "0x" + String(recovery.offset, radix: 16)]
    }
}

extension DeletionMark {
    /// `mark`, or `recovered-mark` for a mark recovered from free space: the `record` field.
    public var recordName: String { isRecovered ? "recovered-mark" : "mark" }
}

extension MAPIProfile {
    /// `profile`, or `deleted-profile` for a profile recovered from free space: the `record` field.
    public var recordName: String { isDeleted ? "deleted-profile" : "profile" }
}

extension ProfileInventory {
    /// The account, data file, Exchange and undecodable-value lines of a live or deleted profile.
    static func detailLines(accounts: [MAPIAccount], dataFiles: [DataFile], exchange: ExchangeMailbox?,
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
