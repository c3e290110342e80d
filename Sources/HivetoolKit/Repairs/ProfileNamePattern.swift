import FoundationEssentials
import Hivex

/// A shell-style pattern on profile names, as `fnmatch` reads it but case-insensitive: `*` any run of
/// characters, `?` one character, `[abc]` `[a-z]` one of a set, `[!abc]` or `[^abc]` one not in it,
/// `\` makes the next character literal. `EVTemp-*` chooses Enterprise Vault's temporary profiles.
public struct ProfileNamePattern: Hashable, Sendable, CustomStringConvertible {
    enum Token: Hashable, Sendable {
        case literal(Character)
        case anyOne
        case anyRun
        case set(negated: Bool, members: [ClosedRange<Character>])
    }

    /// The pattern as written.
    public let description: String
    let tokens: [Token]

    /// Parses `pattern`; an unterminated `[` or a trailing `\` is refused rather than read literally,
    /// since a pattern chooses what to delete.
    public static func parse(_ pattern: String) -> Result<ProfileNamePattern, HivetoolError> {
        var tokens: [Token] = []
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?": tokens.append(.anyOne)
            case "\\":
                guard let next = characters.popFirst() else {
                    return .failure(.invalidArgument("invalid pattern \"\(pattern)\": it ends with a lone backslash"))
                }
                tokens.append(.literal(next))
            case "[":
                guard let (token, rest) = parseSet(characters) else {
                    return .failure(.invalidArgument("invalid pattern \"\(pattern)\": a [ has no closing ]"))
                }
                tokens.append(token)
                characters = rest
            default: tokens.append(.literal(character))
            }
        }
        return .success(ProfileNamePattern(description: pattern, tokens: tokens))
    }

    /// Reads a set after its `[`; nil when no `]` closes it. A `]` right after `[`, `[!` or `[^` is a member.
    static func parseSet(_ input: ArraySlice<Character>) -> (Token, ArraySlice<Character>)? {
        var rest = input
        var negated = false
        if let first = rest.first, first == "!" || first == "^" {
            negated = true
            rest = rest.dropFirst()
        }
        var members: [ClosedRange<Character>] = []
        var isFirst = true
        while let character = rest.popFirst() {
            if character == "]" && !isFirst { return (.set(negated: negated, members: members), rest) }
            isFirst = false
            var low = character
            if low == "\\", let escaped = rest.popFirst() { low = escaped }
            if rest.count >= 2, rest.first == "-", let high = rest.dropFirst().first, high != "]" {
                rest = rest.dropFirst(2)
                members.append(low <= high ? low...high : high...low)
            } else {
                members.append(low...low)
            }
        }
        return nil
    }

    /// Whether `name` matches the whole pattern (letter case ignored).
    public func matches(_ name: String) -> Bool {
        let text = Array(name)
        var textIndex = 0
        var tokenIndex = 0
        var backtrack: (token: Int, text: Int)?
        while textIndex < text.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .anyRun:
                    backtrack = (tokenIndex, textIndex)
                    tokenIndex += 1
                    continue
                case let token where Self.token(token, matches: text[textIndex]):
                    tokenIndex += 1
                    textIndex += 1
                    continue
                default: break
                }
            }
            guard let last = backtrack else { return false }
            backtrack = (last.token, last.text + 1)
            tokenIndex = last.token + 1
            textIndex = last.text + 1
        }
        return tokens[tokenIndex...].allSatisfy { $0 == .anyRun }
    }

    static func token(_ token: Token, matches character: Character) -> Bool {
        switch token {
        case .anyRun, .anyOne: return true
        case .literal(let literal): return RegistryPath.namesEqual(String(literal), String(character))
        case .set(let negated, let members):
            // The character and its one-character lower- and upper-case forms ("ß" has no one-character upper case).
            let forms = [character] + [character.lowercased(), character.uppercased()].compactMap { $0.count == 1 ? $0.first : nil }
            let found = members.contains { range in
                forms.contains { range.contains($0) } || (range.lowerBound == range.upperBound && RegistryPath.namesEqual(String(range.lowerBound), String(character)))
            }
            return found != negated
        }
    }
}
