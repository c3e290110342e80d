"""Writes the regression inputs: samples/SOFTWARE with one crash class each (readpath), and edge
cases for logreplay and freespace.

Each is a copy of samples/SOFTWARE (20 KB, so < 50 KB) with one field of one named key changed,
as `scripts/mutate` does at random. Before main's fix 7a8b09d ("Errors never re-enter hivex"),
building the error for such a key re-read the hive until the stack overflowed. Regenerate with
`python3 Fuzz/Mutate/regressions.py` (deterministic: same bytes every time).
"""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = 4096
NAME_LENGTH, PARENT, SUBKEY_LIST, VALUE_LIST = 72, 16, 28, 40  # offsets from the "nk" signature


def key_nodes(data):
    """name -> file offset of the nk signature, for every allocated nk with a compressed name."""
    found = {}
    for offset in range(BASE + 32, len(data) - 80, 8):
        if data[offset + 4:offset + 6] == b"nk" and struct.unpack_from("<i", data, offset)[0] < 0:
            length = struct.unpack_from("<H", data, offset + 4 + NAME_LENGTH)[0]
            name = bytes(data[offset + 4 + 76:offset + 4 + 76 + length]).decode("latin-1")
            found.setdefault(name, offset + 4)
    return found


def relative(nk):
    return nk - 4 - BASE


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Tests/FuzzRegressions/readpath")
    source = bytes(open(os.path.join(ROOT, "samples/SOFTWARE"), "rb").read())
    nodes = key_nodes(source)
    agents, vault, root = nodes["Agents"], nodes["Enterprise Vault"], min(nodes.values())
    bins = struct.unpack_from("<I", source, 40)[0]
    cases = {
        # a key whose name cannot be read (length far past its cell)
        "software-agents-name-length-ffff": [(agents + NAME_LENGTH, "<H", 0xFFFF)],
        "software-root-name-length-ffff": [(root + NAME_LENGTH, "<H", 0xFFFF)],
        # invalid parent offsets
        "software-agents-parent-7fffffff": [(agents + PARENT, "<I", 0x7FFFFFFF)],
        "software-agents-parent-outside-bins": [(agents + PARENT, "<I", bins + 0x100)],
        "software-agents-parent-self": [(agents + PARENT, "<I", relative(agents))],
        "software-agents-vault-parent-loop": [(agents + PARENT, "<I", relative(vault)), (vault + PARENT, "<I", relative(agents))],
        # lists outside the bins
        "software-vault-subkey-list-outside-bins": [(vault + SUBKEY_LIST, "<I", bins + 0x1000)],
        "software-agents-value-list-outside-bins": [(agents + VALUE_LIST, "<I", 0x7FFFFFF8)],
        # both at once: an unreadable name below a self-parented key
        "software-vault-parent-self-agents-name-ffff": [(vault + PARENT, "<I", relative(vault)), (agents + NAME_LENGTH, "<H", 0xFFFF)],
    }
    os.makedirs(out, exist_ok=True)
    for name, edits in cases.items():
        data = bytearray(source)
        for offset, layout, value in edits:
            struct.pack_into(layout, data, offset, value)
        with open(os.path.join(out, name), "wb") as handle:
            handle.write(data)
    print(f"regressions: {len(cases)} inputs in {out}")
    other_targets(source, nodes, os.path.dirname(out))


def checksum(data):
    total = 0
    for index in range(127):
        total ^= struct.unpack_from("<I", data, index * 4)[0]
    struct.pack_into("<I", data, 508, 0xFFFFFFFE if total == 0xFFFFFFFF else (total or 1))


def other_targets(source, nodes, folder):
    """Edge cases for logreplay and freespace, from samples/SOFTWARE too."""
    agents, vault = nodes["Agents"], nodes["Enterprise Vault"]
    # logreplay: the hive made dirty, with a log that is its own base block as a new-format log
    # followed by an HvLE entry header claiming more pages than exist, and a second, empty log.
    dirty = bytearray(source)
    struct.pack_into("<I", dirty, 8, struct.unpack_from("<I", dirty, 4)[0] + 1)
    checksum(dirty)
    log = bytearray(dirty[:512])
    struct.pack_into("<I", log, 28, 6)
    checksum(log)
    entry = bytearray(b"HvLE" + bytes(36))
    struct.pack_into("<IIIII", entry, 4, 512, 0, struct.unpack_from("<I", dirty, 8)[0], 0x5000, 0xFFFF)
    log += entry + bytes(512 - len(entry))
    cases = {
        "logreplay/software-dirty-log-entry-page-count-ffff": bytes(dirty) + b"fuzzLOG!" + bytes(log) + b"fuzzLOG!",
        "logreplay/software-dirty-log-header-only": bytes(dirty) + b"fuzzLOG!" + bytes(log[:512]),
    }
    # freespace: Agents freed (cell size made positive) with its parent set to itself, and
    # Enterprise Vault freed with its value list pointing outside the bins.
    freed = bytearray(source)
    for nk in (agents, vault):
        size = struct.unpack_from("<i", freed, nk - 4)[0]
        struct.pack_into("<i", freed, nk - 4, abs(size))
    struct.pack_into("<I", freed, agents + PARENT, relative(agents))
    struct.pack_into("<I", freed, vault + VALUE_LIST, 0x7FFFFFF8)
    struct.pack_into("<I", freed, vault + 36, 5)
    cases["freespace/software-freed-keys-self-parent-value-list-outside"] = bytes(freed)
    loop = bytearray(source)
    for nk in (agents, vault):
        size = struct.unpack_from("<i", loop, nk - 4)[0]
        struct.pack_into("<i", loop, nk - 4, abs(size))
    struct.pack_into("<I", loop, agents + PARENT, relative(vault))
    struct.pack_into("<I", loop, vault + PARENT, relative(agents))
    cases["freespace/software-freed-keys-parent-loop"] = bytes(loop)
    for name, data in cases.items():
        os.makedirs(os.path.join(folder, os.path.dirname(name)), exist_ok=True)
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    print(f"regressions: {len(cases)} logreplay and freespace inputs in {folder}")


if __name__ == "__main__":
    main()
