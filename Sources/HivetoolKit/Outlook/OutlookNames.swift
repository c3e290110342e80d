/// The keys and values of a user hive that `hivetool outlook` reads, relative to an Outlook key
/// (`Software\Microsoft\Office\<n>.0\Outlook` or `Software\Microsoft\Office\Outlook`).
enum OutlookNames {
    /// `Software\Microsoft\Office`: its `<n>.0` subkeys are Office versions.
    static let officePath = #"Software\Microsoft\Office"#
    static let search = "Search"
    static let catalog = #"Search\Catalog"#
    static let pst = "PST"
    static let lastCorruptStore = "LastCorruptStore"
    static let webView = "WebView"
    static let webViewURL = "URL"
    static let today = "Today"
    static let todayURL = "UserDefinedUrl"
    static let security = "Security"
    static let homePagePolicies = ["EnableRoamingFolderHomepages", "NonDefaultStoreScript"]
    static let securityLevel = "Level"
    static let loadMacroProviderOnBoot = "LoadMacroProviderOnBoot"
    static let addins = "Addins"
    static let disabledItems = #"Resiliency\DisabledItems"#
    /// Relative to `Software\Microsoft\Office\<n>.0`.
    static let identities = #"Common\Identity\Identities"#

    /// Sections every Outlook profile has that nothing points to by UID: global, service index,
    /// account manager, and fixed-name ones seen in every profile of the shared real hives
    /// (IID_CAPONE_PROF `0a0d0200...`, `85030200...`, `3517490d...`, `f86ed290...`).
    static let fixedSections: Set<String> = [
        "13dbb0c8aa05101a9bb000aa002fc45a", "9207f3e0a3b11019908b08002b2a56c2", "9375cff0413111d3b88a00104b2a6676",
        "0a0d020000000000c000000000000046", "8503020000000000c000000000000046", "3517490d76624c419a828607e2a54604",
        "f86ed2903a4a11cfb57e524153480001",
    ]
}
