import FoundationEssentials
import Hivex

/// One setting that makes Outlook run or show something: a folder home page, the settings that
/// re-enable home pages, a disabled add-in, the VBA security level. Stated as a fact, never a verdict.
public struct OutlookSetting: Codable, Hashable, Sendable {
    /// What kind of setting it is.
    public enum Category: String, Codable, CaseIterable, Hashable, Sendable {
        /// `Outlook\WebView\<folder>\URL` or `Outlook\Today\UserDefinedUrl`.
        case homePage = "home-page"
        /// `Outlook\Security\EnableRoamingFolderHomepages`, `NonDefaultStoreScript`.
        case homePagePolicy = "home-page-policy"
        /// A value of `Outlook\Resiliency\DisabledItems` (undocumented binary).
        case disabledItem = "disabled-item"
        /// `Outlook\Security\Level`, `LoadMacroProviderOnBoot`.
        case vba
    }

    public var category: Category
    /// The Office version whose key holds it; nil for the version-less `Office\Outlook`.
    @NullEncoded public var officeVersion: String?
    public var key: OutlookKey
    /// The value's name and registry type.
    public var value: String
    public var type: String
    /// The data: text or a number as text; for binary data the hex (see ``note``).
    public var data: String
    /// The fact in plain words: `home page of Inbox set to https://...`.
    public var statement: String
    /// A caveat (`undocumented binary: shown as hex, not decoded`).
    @NullEncoded public var note: String?
}
