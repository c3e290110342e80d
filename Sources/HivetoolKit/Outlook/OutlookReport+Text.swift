import FoundationEssentials
import Hivex

extension OutlookReport {
    /// The report for people: one section per kind of fact, each fact with its key and time.
    public func writeText(to output: inout some TextOutputStream) {
        output.write("Hive: \(Printable.text(hive.path))\n")
        output.write("SHA-256: \(hive.sha256)\n")
        if let logsLine = hive.logsLine { output.write(logsLine + "\n") }
        for warning in warnings { output.write("WARNING: \(warning)\n") }
        if officeVersions.isEmpty && profiles.isEmpty && (deletedProfiles ?? []).isEmpty && identities.isEmpty {
            output.write("\nNo Outlook keys, profiles or Office identities in this hive.\n")
        }
        if !officeVersions.isEmpty {
            output.write("\nOutlook keys (\(officeVersions.count)):\n")
            output.write(TextTable.render([["OFFICE", "LAST WRITE", "KEY"]] + officeVersions.map {
                [$0.version ?? "(none)", Timestamp.text($0.lastWrite), $0.keyPath]
            }))
        }
        writeProfiles(to: &output)
        writeAccounts(to: &output)
        writeDataFiles(to: &output)
        writeIdentities(to: &output)
        writeRunSettings(to: &output)
        for problem in problems { output.write("PROBLEM: \(problem)\n") }
    }

    private func writeProfiles(to output: inout some TextOutputStream) {
        let deleted = deletedProfiles ?? []
        guard !profiles.isEmpty || !deleted.isEmpty else { return }
        output.write("\nProfiles (\(profiles.count) live, \(deletedProfiles.map { "\($0.count) deleted" } ?? "free space not searched")):\n")
        var rows = [["PROFILE", "LAYOUT", "STATE", "LAST WRITE", "SERVICES"]]
        for profile in profiles {
            rows.append([profile.name, profile.layout.rawValue, profile.status.rawValue, Timestamp.text(profile.lastWrite),
                         profile.services.map(\.name).joined(separator: ", ")])
        }
        for profile in deleted {
            rows.append([profile.name, profile.layout.rawValue, "deleted", Timestamp.text(profile.lastWrite),
                         profile.services.map(\.name).joined(separator: ", ")])
        }
        output.write(TextTable.render(rows))
    }

    private func writeAccounts(to output: inout some TextOutputStream) {
        for manager in accountManagers {
            let next = manager.nextAccountID.map { "NextAccountID \($0) (0x\(String($0, radix: 16, uppercase: true)))" } ?? "no NextAccountID"
            output.write("\nAccounts of profile \(Printable.text(manager.profile)) (\(manager.layout.rawValue), \(manager.profileState)): "
                         + "\(next), \(manager.accounts.count) account key\(manager.accounts.count == 1 ? "" : "s"), "
                         + "\(manager.removedAccounts.count) removed\n")
            output.write("  key: \(Printable.text(manager.key.keyPath)) (last write \(Timestamp.text(manager.key.lastWrite)))\n")
            var rows = [["ID", "KEY", "LAST WRITE", "STATE", "NAME / DETAILS"]]
            for account in manager.accounts {
                rows.append([account.id.map(String.init) ?? "-", RegistryPath.components(account.key.keyPath).last ?? "",
                             Timestamp.text(account.key.lastWrite), "exists",
                             [account.name, account.serviceName.map { "service \($0)" }].compactMap { $0 }.joined(separator: ", ")])
            }
            for removed in manager.removedAccounts {
                rows.append([String(removed.id), removed.keyName, Timestamp.text(removed.recovered?.lastWrite),
                             removed.recovered == nil ? "removed" : "removed, recovered",
                             (removed.recovered?.account.map { $0.summary + "; " } ?? "") + removed.details(nextAccountID: manager.nextAccountID)])
            }
            output.write(TextTable.render(rows))
        }
        guard !orphanSections.isEmpty else { return }
        output.write("\nOrphan sections (\(orphanSections.count)): sections no service, provider, account or index points to\n")
        var rows = [["PROFILE", "SECTION", "LAST WRITE", "VALUES", "HOLDS"]]
        for orphan in orphanSections {
            rows.append([orphan.profile + (orphan.profileState == .live ? "" : " (deleted)"), orphan.section,
                         Timestamp.text(orphan.key.lastWrite), String(orphan.valueCount), orphan.summary])
        }
        output.write(TextTable.render(rows))
    }

    private func writeDataFiles(to output: inout some TextOutputStream) {
        guard !dataFiles.isEmpty else { return }
        let detached = dataFiles.filter { $0.attachment == .none }.count
        output.write("\nData files ever named (\(dataFiles.count), \(detached) no longer attached):\n")
        for file in dataFiles {
            output.write("  \(Printable.text(file.path))\n")
            output.write("    \(file.kind), \(file.location.rawValue), \(file.attachmentText)\n")
            output.write(TextTable.render(file.sightings.map {
                [$0.source.rawValue, Timestamp.text($0.key.lastWrite), $0.key.keyPath + ($0.source == .search || $0.source == .searchCatalog ? "" : "\\\($0.value)")]
            }, indent: "      "))
        }
    }

    private func writeIdentities(to output: inout some TextOutputStream) {
        guard !identities.isEmpty else { return }
        output.write("\nOffice identities (\(identities.count)):\n")
        for identity in identities {
            output.write("  \(Printable.text(identity.emailAddress ?? identity.signInName ?? identity.name)) (Office \(identity.officeVersion))\n")
            output.write("    key:     \(Printable.text(identity.key.keyPath)) (last write \(Timestamp.text(identity.key.lastWrite)))\n")
            if !identity.details.isEmpty { output.write("    details: \(Printable.text(identity.details))\n") }
        }
    }

    private func writeRunSettings(to output: inout some TextOutputStream) {
        guard !addins.isEmpty || !settings.isEmpty else { return }
        output.write("\nSet to run inside Outlook (facts, not verdicts):\n")
        if !addins.isEmpty {
            output.write("  Add-ins (\(addins.count)):\n")
            output.write(TextTable.render([["PROGID", "OFFICE", "LAST WRITE", "LOAD BEHAVIOR", "NAME"]] + addins.map {
                [$0.progID, $0.officeVersion ?? "(none)", Timestamp.text($0.key.lastWrite), $0.loadBehaviorText, $0.friendlyName ?? "-"]
            }, indent: "    "))
        }
        for category in OutlookSetting.Category.allCases {
            let entries = settings.filter { $0.category == category }
            guard !entries.isEmpty else { continue }
            output.write("  \(category.title) (\(entries.count)):\n")
            for setting in entries {
                output.write("    \(Timestamp.text(setting.key.lastWrite))  \(Printable.text(setting.key.keyPath))\n")
                output.write("      \(Printable.text(setting.statement))\n")
                if let note = setting.note { output.write("      \(Hex.abbreviated(setting.data)) (\(note))\n") }
            }
        }
    }
}

extension OutlookSetting.Category {
    /// A heading for people.
    public var title: String {
        switch self {
        case .homePage: "Folder home pages"
        case .homePagePolicy: "Home page settings"
        case .disabledItem: "Disabled items (Resiliency)"
        case .vba: "VBA settings"
        }
    }
}
