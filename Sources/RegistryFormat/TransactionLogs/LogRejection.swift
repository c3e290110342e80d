/// Why a transaction log, or one of its entries, cannot be used; `reason` is a short sentence for users.
package struct LogRejection: Error, Hashable, Sendable {
    package var reason: String

    package init(_ reason: String) { self.reason = reason }
}
