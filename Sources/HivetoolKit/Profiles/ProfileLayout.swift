import Hivex

/// The places in a user hive where MAPI keeps profiles.
public enum ProfileLayout: String, Codable, CaseIterable, Hashable, Sendable {
    case windowsMessagingSubsystem = "windows-messaging-subsystem"
    case office15 = "office-15.0"
    case office16 = "office-16.0"
    case windows9x = "windows-9x"

    /// The `Profiles` key, relative to the hive root.
    public var profilesPath: String {
        switch self {
        case .windowsMessagingSubsystem: #"Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging Subsystem\Profiles"#
        case .office15: #"Software\Microsoft\Office\15.0\Outlook\Profiles"#
        case .office16: #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
        case .windows9x: #"Software\Microsoft\Windows Messaging Subsystem\Profiles"#
        }
    }

    /// The key holding the `DefaultProfile` value: `Profiles` itself for the Windows Messaging
    /// Subsystem layouts, the `Outlook` parent for Office 15.0 and 16.0.
    public var defaultProfileKeyPath: String {
        switch self {
        case .windowsMessagingSubsystem, .windows9x: profilesPath
        case .office15, .office16: parentPath
        }
    }

    /// The parent of `Profiles`, where `Deleted Profiles` containers may sit beside it.
    public var parentPath: String {
        KeyPath.join(Array(KeyPath.components(profilesPath).dropLast()))
    }

    /// A name for people: "Windows Messaging Subsystem", "Office 16.0", ...
    public var title: String {
        switch self {
        case .windowsMessagingSubsystem: "Windows Messaging Subsystem"
        case .office15: "Outlook 2013 (Office 15.0)"
        case .office16: "Outlook 2016+ (Office 16.0)"
        case .windows9x: "Windows 9x Messaging Subsystem"
        }
    }

    /// The name of the value holding the default profile.
    public static let defaultProfileValueName = "DefaultProfile"
}
