/// A subkey list: a leaf (`lf`, `lh`, `li`) listing key nodes, or an index root (`ri`) listing leaves.
///
/// Layout: msuhanov's "Windows registry file format specification", sections "Subkeys list" and
/// "Index root".
public struct SubkeyList: Hashable, Sendable {
    /// The four kinds of list.
    public enum Kind: Hashable, Sendable {
        /// `li`: cell indexes of key nodes.
        case indexLeaf
        /// `lf`: key node indexes with a four-character name hint.
        case fastLeaf
        /// `lh`: key node indexes with a name hash.
        case hashLeaf
        /// `ri`: cell indexes of other (leaf) lists.
        case indexRoot

        /// Bytes per element.
        public var elementLength: Int {
            switch self {
            case .indexLeaf, .indexRoot: 4
            case .fastLeaf, .hashLeaf: 8
            }
        }
    }

    /// Offset of the element count (UInt16).
    public static let countOffset = 2
    /// Offset of the first element.
    public static let elementsOffset = 4

    /// Which of the four kinds of list this is.
    public let kind: Kind
    /// The cell indexes the list holds (key nodes for leaves, leaves for an index root).
    public let elements: [UInt32]

    /// Number of bytes the list uses (header and elements); the rest of its cell is slack.
    public var usedLength: Int { SubkeyList.elementsOffset + elements.count * kind.elementLength }

    /// Parses the list at `recordOffset`; nil unless the signature is one of the four and every
    /// element ends at or before `limit`.
    public init?(bytes: HiveBytes, recordOffset: Int, limit: Int) {
        guard let first = bytes.checkedUInt8(at: recordOffset), let second = bytes.checkedUInt8(at: recordOffset &+ 1),
              let count = bytes.checkedUInt16(at: recordOffset &+ SubkeyList.countOffset), limit <= bytes.count
        else { return nil }
        let kind: Kind
        switch (first, second) {
        case (0x6C, 0x69): kind = .indexLeaf   // "li"
        case (0x6C, 0x66): kind = .fastLeaf    // "lf"
        case (0x6C, 0x68): kind = .hashLeaf    // "lh"
        case (0x72, 0x69): kind = .indexRoot   // "ri"
        default: return nil
        }
        let start = recordOffset + SubkeyList.elementsOffset
        guard Int(count) * kind.elementLength <= limit - start else { return nil }
        self.kind = kind
        self.elements = (0..<Int(count)).map { bytes.uint32(at: start + $0 * kind.elementLength) }
    }
}
