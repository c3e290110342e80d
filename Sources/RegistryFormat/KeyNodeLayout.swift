/// Where the fields of a key node (`nk`) record sit, counted from the start of its cell (the
/// 4-byte cell size comes first). Offsets of other cells are relative to the first hive bin, which
/// starts at ``BaseBlock/size`` in the file.
///
/// Layout: msuhanov's "Windows registry file format specification", section "Key node".
public enum KeyNodeLayout {
    /// `nk`.
    public static let signature = 4
    public static let flags = 6
    public static let lastWritten = 8
    public static let parent = 20
    public static let subkeyCount = 24
    public static let subkeyList = 32
    public static let valueCount = 40
    public static let valueList = 44
    public static let security = 48
    public static let className = 52
    public static let nameLength = 76
    public static let name = 80

    /// The value stored in an offset field for "none".
    public static let noOffset: UInt32 = 0xFFFF_FFFF
}
