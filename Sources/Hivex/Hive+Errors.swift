internal import CHivex
import FoundationEssentials

extension Hive {

    static func utf8String(_ raw: UnsafeMutablePointer<CChar>, length: Int) -> String {
        raw.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Builds the error for a failed hivex call on `key` from the current errno.
    ///
    /// It names the key by its handle (cell offset), the one thing the caller is sure to hold: building
    /// an error never reads the hive again, since the read that just failed could fail again (a key
    /// whose name or parent is damaged would otherwise recurse without end).
    func error(_ operation: String, key: HiveKey, detail: String? = nil) -> HiveError {
        let code = chivex_errno()
        return error(operation, keyPath: key.offset == rootNode ? "" : key.description, code: code, detail: detail)
    }

    func error(_ operation: String, keyPath: String?, code: Int32? = nil, detail: String? = nil) -> HiveError {
        let code = code ?? chivex_errno()
        var result = Hive.hivexError(code, operation: operation, path: path)
        result.keyPath = keyPath.map(RegistryPath.display)
        if let detail { result.message += " (\(detail))" }
        return result
    }

    /// Maps an errno left by hivex to a ``HiveError`` (see ``HiveError/init(hivex:operation:path:)``).
    static func hivexError(_ code: Int32, operation: String, path: String) -> HiveError {
        HiveError(hivex: Errno(rawValue: code), operation: operation, path: path)
    }

    static func openError(_ code: Int32, path: String) -> HiveError {
        var result = hivexError(code, operation: "open", path: path)
        switch code {
        case ENOTSUP: result.message = "hive is corrupt or unsupported: hivex rejected its structure"
        case EINVAL: result.message = "hive is corrupt: hivex rejected its header"
        default: break
        }
        return result
    }
}
