internal import CTSK

/// Reads and clears The Sleuth Kit's per-thread error, right after a failed call.
enum TSKError {
    /// TSK's message on one line (its text may hold newlines and trailing spaces).
    static func take() -> String {
        let text = String(cString: ctsk_error_text())
        tsk_error_reset()
        return text.split(whereSeparator: \.isNewline)
            .map { String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// Clears the error before a call that may fail without setting one.
    static func reset() { tsk_error_reset() }
}
