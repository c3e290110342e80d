import Glibc

/// scan's progress bar, `[#####.....] 512/1000 hives`, on standard error only and only when it is a
/// terminal; erased before each record when standard output is a terminal too, so that the bar never
/// ends up inside a record line.
final class ScanProgress {
    /// Whether the bar is drawn at all: stderr is a terminal and `--no-progress` was not given.
    let isShown: Bool
    /// Whether records go to a terminal as well (then the bar is erased before each of them).
    let sharesTerminal: Bool
    private var isOnScreen = false

    init(disabled: Bool) {
        isShown = !disabled && isatty(STDERR_FILENO) != 0
        sharesTerminal = isShown && isatty(STDOUT_FILENO) != 0
    }

    /// Draws the bar for `done` of `total` hives over the previous one.
    func show(done: Int, total: Int) {
        guard isShown else { return }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Console.writeAll("\r[\(bar)] \(done)/\(total) hives", to: STDERR_FILENO)
        isOnScreen = true
    }

    /// Erases the bar before something is written to the terminal it is on.
    func clearBeforeOutput() {
        if sharesTerminal { clear() }
    }

    /// Erases the bar, if it is on screen.
    func clear() {
        guard isOnScreen else { return }
        Console.writeAll("\r\u{1B}[K", to: STDERR_FILENO)
        isOnScreen = false
    }
}
