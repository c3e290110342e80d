"""Writes the readpath regression inputs: samples/SOFTWARE with one crash class each.

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


if __name__ == "__main__":
    main()
