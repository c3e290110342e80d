/// Depth-first traversal that cannot loop.
public enum Walk {
    /// Keys nested deeper than this are not descended into (Windows allows 512 levels).
    public static let defaultMaxDepth = 512

    /// Where and why the walk did not descend.
    public struct Stop: Hashable, Sendable, CustomStringConvertible {
        public enum Reason: Hashable, Sendable {
            /// The key was reached a second time (first at `firstPath`): a subkey list loops.
            case cycle(firstPath: String)
            /// The key is deeper than the depth bound.
            case depthLimit(Int)
            /// Its subkeys or values could not be read.
            case unreadable(HiveError)
        }

        public var keyPath: String
        public var reason: Reason

        public var description: String {
            switch reason {
            case .cycle(let firstPath): "\(KeyPath.display(keyPath)): key already visited as \(KeyPath.display(firstPath)) (subkey lists loop); not descended"
            case .depthLimit(let depth): "\(KeyPath.display(keyPath)): deeper than \(depth) levels; not descended"
            case .unreadable(let error): "\(KeyPath.display(keyPath)): \(error.message)"
            }
        }
    }

    /// What a walk saw.
    public struct Report: Hashable, Sendable {
        public var keyCount = 0
        public var valueCount = 0
        public var stops: [Stop] = []
        /// Whether every key was read.
        public var isComplete: Bool { stops.isEmpty }
    }

    /// One key as the walk meets it.
    public struct Entry {
        public var key: HiveKey
        /// Path from the root ("" for the root).
        public var path: String
        public var depth: Int
        /// The key this one was reached from (nil for the start of the walk).
        public var parent: HiveKey? = nil
    }
}

extension Hive {
    /// Visits `start` (the root by default) and every key below it, depth-first in stored order.
    ///
    /// A key reached twice (a looping subkey list) and keys deeper than `maxDepth` are not descended
    /// into; unreadable subkey lists are skipped. Each is reported in ``Walk/Report/stops``.
    /// `visit` may throw to end the walk.
    @discardableResult
    ///
    /// Pass the path of `start` when you know it (it is rebuilt from parent links otherwise).
    public func walk(from start: HiveKey? = nil, path startPath: String? = nil, maxDepth: Int = Walk.defaultMaxDepth,
                     _ visit: (Walk.Entry) throws -> Void) throws -> Walk.Report {
        let first = try start ?? root()
        let firstPath = try startPath ?? (start == nil ? "" : path(of: first))
        var report = Walk.Report()
        var visited: [HiveKey: String] = [:]
        var stack = [Walk.Entry(key: first, path: firstPath, depth: 0)]
        while let entry = stack.popLast() {
            if let firstPath = visited[entry.key] {
                report.stops.append(.init(keyPath: entry.path, reason: .cycle(firstPath: firstPath)))
                continue
            }
            visited[entry.key] = entry.path
            report.keyCount += 1
            try visit(entry)
            do {
                report.valueCount += try valueCount(of: entry.key)
            } catch let error as HiveError {
                report.stops.append(.init(keyPath: entry.path, reason: .unreadable(error)))
            }
            let children: [HiveKey]
            do {
                children = try self.children(of: entry.key)
            } catch let error as HiveError {
                report.stops.append(.init(keyPath: entry.path, reason: .unreadable(error)))
                continue
            }
            if children.isEmpty { continue }
            guard entry.depth < maxDepth else {
                report.stops.append(.init(keyPath: entry.path, reason: .depthLimit(maxDepth)))
                continue
            }
            var next: [Walk.Entry] = []
            next.reserveCapacity(children.count)
            for child in children {
                let childName: String
                do {
                    childName = try name(of: child)
                } catch let error as HiveError {
                    report.stops.append(.init(keyPath: entry.path, reason: .unreadable(error)))
                    continue
                }
                next.append(Walk.Entry(key: child, path: KeyPath.appending(childName, to: entry.path), depth: entry.depth + 1,
                                       parent: entry.key))
            }
            stack.append(contentsOf: next.reversed())
        }
        return report
    }
}
