"""Mutation campaign against the built hivetool CLI (run it through scripts/mutate).

Makes damaged copies of good hives deterministically from a seed, runs every read command (and
set-expire --dry-run) on each, and checks: no death by signal, no hang, JSON that parses, a single
`hivetool:` line on stderr on failure, and the input's SHA-256, mtime and folder unchanged.
See FUZZING.md.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import shutil
import shlex
import signal
import struct
import subprocess
import sys
import time
from collections import Counter, defaultdict

BASE = 4096  # hive bins start here; cell offsets are relative to it
TIMEOUT = 20  # seconds per command

# What each kind of hive is asked. Paths that do not exist are fine (exit 1 is a valid answer).
DEEP_KEYS = {
    "user": ("Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles",
             "Control Panel\\Desktop", None),
    "software": ("Wow6432Node\\KVS\\Enterprise Vault", "Wow6432Node\\KVS\\Enterprise Vault\\Agents", "ProfileExpire"),
    "other": ("Select", "Select", "Current"),
}


def u32(data, offset):
    return struct.unpack_from("<I", data, offset)[0]


def put32(data, offset, value):
    if 0 <= offset and offset + 4 <= len(data):
        struct.pack_into("<I", data, offset, value & 0xFFFFFFFF)


def put16(data, offset, value):
    if 0 <= offset and offset + 2 <= len(data):
        struct.pack_into("<H", data, offset, value & 0xFFFF)


def fix_checksum(data):
    if len(data) < 512:
        return
    total = 0
    for index in range(127):
        total ^= u32(data, index * 4)
    total = 0xFFFFFFFE if total == 0xFFFFFFFF else (1 if total == 0 else total)
    put32(data, 508, total)


class Layout:
    """Where the records of one good hive are: cells by signature, hbins. Found by scanning."""

    def __init__(self, data):
        self.size = len(data)
        self.bins_size = u32(data, 40) if len(data) >= 44 else 0
        self.hbins = []
        position = BASE
        while position + 32 <= len(data) and data[position:position + 4] == b"hbin":
            size = u32(data, position + 8)
            self.hbins.append(position)
            if size < 4096 or size % 4096:
                break
            position += size
        self.cells = defaultdict(list)  # signature -> file offsets of the signature (cell start + 4)
        for start in self.hbins:
            end = min(start + u32(data, start + 8), len(data))
            cell = start + 32
            while cell + 8 <= end:
                raw = struct.unpack_from("<i", data, cell)[0]
                length = abs(raw)
                if length < 8 or length % 8 or cell + length > end:
                    break
                signature = bytes(data[cell + 4:cell + 6])
                if raw < 0 and signature in (b"nk", b"vk", b"lf", b"lh", b"li", b"ri", b"sk", b"db"):
                    self.cells[signature.decode()].append(cell + 4)
                self.cells["cell"].append(cell)
                cell += length

    def relative(self, signature_offset):
        """The hive offset (relative to the first hbin) of the cell whose signature is here."""
        return signature_offset - 4 - BASE


# Mutations: each takes (data, layout, rng) and returns a short description of what it did.
# They act on fields found by scanning, so they hit real records rather than random bytes.

def m_bitflip(data, layout, rng):
    flips = rng.randint(1, 16)
    where = []
    for _ in range(flips):
        offset = rng.randrange(BASE, len(data)) if len(data) > BASE else rng.randrange(len(data))
        data[offset] ^= 1 << rng.randrange(8)
        where.append(offset)
    return f"{flips} bit(s) flipped at 0x{min(where):x}..0x{max(where):x}"


NK_FIELDS = {  # offset from the "nk" signature
    "flags": (2, 2), "parent": (16, 4), "subkey count": (20, 4), "subkey list": (28, 4),
    "value count": (36, 4), "value list": (40, 4), "security": (44, 4), "class": (48, 4),
    "name length": (72, 2), "class length": (74, 2),
}
INTERESTING32 = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 0x10000, 0x7FFF, 0xFFFF]


def pick(layout, signature, rng):
    cells = layout.cells.get(signature) or layout.cells.get("nk")
    return rng.choice(cells) if cells else None


def m_nk_field(data, layout, rng):
    nk = pick(layout, "nk", rng)
    if nk is None:
        return m_bitflip(data, layout, rng)
    name = rng.choice(sorted(NK_FIELDS))
    offset, width = NK_FIELDS[name]
    value = rng.choice(INTERESTING32 + [rng.getrandbits(32)])
    (put16 if width == 2 else put32)(data, nk + offset, value)
    return f"nk@0x{nk - 4:x} {name} = 0x{value & (0xFFFF if width == 2 else 0xFFFFFFFF):x}"


def m_name_length(data, layout, rng):
    nk = pick(layout, "nk", rng)
    if nk is None:
        return m_bitflip(data, layout, rng)
    old = struct.unpack_from("<H", data, nk + 72)[0]
    value = rng.choice([0, 1, old + 1, old * 2 + 7, 0x7FFF, 0xFFFF, rng.getrandbits(16)])
    put16(data, nk + 72, value)
    if rng.random() < 0.3:  # and the compressed-name flag, so the name is read as UTF-16
        data[nk + 2] ^= 0x20
        return f"nk@0x{nk - 4:x} name length {old} -> {value}, compressed-name flag toggled"
    return f"nk@0x{nk - 4:x} name length {old} -> {value}"


def m_parent(data, layout, rng):
    nks = layout.cells.get("nk", [])
    if len(nks) < 2:
        return m_bitflip(data, layout, rng)
    nk = rng.choice(nks[1:])  # not the root, usually first
    choice = rng.choice(["0x7fffffff", "self", "loop", "zero", "outside"])
    if choice == "0x7fffffff":
        put32(data, nk + 16, 0x7FFFFFFF)
    elif choice == "self":
        put32(data, nk + 16, layout.relative(nk))
    elif choice == "zero":
        put32(data, nk + 16, 0)
    elif choice == "outside":
        put32(data, nk + 16, layout.bins_size + 8 * rng.randrange(1, 64))
    else:
        other = rng.choice([n for n in nks if n != nk])
        put32(data, nk + 16, layout.relative(other))
        put32(data, other + 16, layout.relative(nk))
        return f"nk@0x{nk - 4:x} and nk@0x{other - 4:x} parents of each other (loop)"
    return f"nk@0x{nk - 4:x} parent = {choice}"


def m_list_outside(data, layout, rng):
    nk = pick(layout, "nk", rng)
    if nk is None:
        return m_bitflip(data, layout, rng)
    field, offset, count_offset = rng.choice([("subkey list", 28, 20), ("value list", 40, 36)])
    value = rng.choice([layout.bins_size + 8, layout.bins_size + 0x1000, 0x7FFFFFF8, 0xFFFFFFF8,
                        layout.size, rng.randrange(0, 64) * 8])
    put32(data, nk + offset, value)
    if u32(data, nk + count_offset) == 0:
        put32(data, nk + count_offset, rng.choice([1, 2, 1000]))
    return f"nk@0x{nk - 4:x} {field} -> 0x{value:x} (outside the bins or misaligned)"


VK_FIELDS = {"name length": (2, 2), "data length": (4, 4), "data offset": (8, 4), "type": (12, 4), "flags": (16, 2)}


def m_vk_field(data, layout, rng):
    vk = pick(layout, "vk", rng)
    if vk is None:
        return m_bitflip(data, layout, rng)
    name = rng.choice(sorted(VK_FIELDS))
    offset, width = VK_FIELDS[name]
    old = u32(data, vk + offset) if width == 4 else struct.unpack_from("<H", data, vk + offset)[0]
    value = rng.choice(INTERESTING32 + [old ^ 0x80000000, old + 1, layout.bins_size + 16, rng.getrandbits(32)])
    (put16 if width == 2 else put32)(data, vk + offset, value)
    return f"vk@0x{vk - 4:x} {name} = 0x{value & (0xFFFF if width == 2 else 0xFFFFFFFF):x}"


def m_subkey_list(data, layout, rng):
    signature = rng.choice(["lf", "lh", "li", "ri"])
    cell = pick(layout, signature, rng) if layout.cells.get(signature) else pick(layout, "lh", rng)
    if cell is None or bytes(data[cell:cell + 2]) not in (b"lf", b"lh", b"li", b"ri"):
        return m_nk_field(data, layout, rng)
    kind = bytes(data[cell:cell + 2]).decode()
    count = struct.unpack_from("<H", data, cell + 2)[0]
    choice = rng.choice(["count", "entry outside", "entry self", "entry parent list", "entry zero"])
    if choice == "count" or count == 0:
        value = rng.choice([0, count + 1, 0xFFFF, count * 100 + 1])
        put16(data, cell + 2, value)
        return f"{kind}@0x{cell - 4:x} count {count} -> {value}"
    step = 4 if kind in ("li", "ri") else 8
    entry = cell + 4 + step * rng.randrange(count)
    target = {"entry outside": layout.bins_size + 0x100, "entry self": layout.relative(cell),
              "entry parent list": layout.relative(cell), "entry zero": 0}[choice]
    if choice == "entry parent list":
        nks = layout.cells.get("nk", [])
        target = layout.relative(rng.choice(nks)) if nks else 0
    put32(data, entry, target)
    return f"{kind}@0x{cell - 4:x} {choice} (0x{target & 0xFFFFFFFF:x})"


def m_truncate(data, layout, rng):
    cut = rng.randrange(BASE // 2, len(data)) if len(data) > BASE else rng.randrange(1, len(data))
    del data[cut:]
    if rng.random() < 0.5 and cut >= BASE + 4096:
        bins = (cut - BASE) // 4096 * 4096
        put32(data, 40, bins)
        fix_checksum(data)
        return f"truncated at 0x{cut:x}, header bins size set to 0x{bins:x} (checksum fixed)"
    return f"truncated at 0x{cut:x}"


def m_hbin(data, layout, rng):
    if not layout.hbins:
        return m_bitflip(data, layout, rng)
    hbin = rng.choice(layout.hbins)
    field = rng.choice(["size", "offset", "signature", "size"])
    if field == "size":
        value = rng.choice([0, 4095, 0x1000 * rng.randrange(2, 64), 0x7FFFFFFF, 0xFFFFFFFF, u32(data, hbin + 8) + 8])
        put32(data, hbin + 8, value)
    elif field == "offset":
        value = rng.choice([0, 0xFFFFFFFF, rng.getrandbits(32)])
        put32(data, hbin + 4, value)
    else:
        value = rng.getrandbits(32)
        put32(data, hbin, value)
    return f"hbin@0x{hbin:x} {field} = 0x{value:x}"


def m_cell_size(data, layout, rng):
    cells = layout.cells.get("cell")
    if not cells:
        return m_bitflip(data, layout, rng)
    cell = rng.choice(cells)
    old = struct.unpack_from("<i", data, cell)[0]
    value = rng.choice([-old, 0, -8, 8, -0x7FFFFFF8, 0x7FFFFFF8, old - 8, old * 2, -(u32(data, 40) + 8)])
    struct.pack_into("<i", data, cell, max(-0x80000000, min(0x7FFFFFFF, value)))
    return f"cell@0x{cell:x} size {old} -> {value}"


def m_header(data, layout, rng):
    field = rng.choice(["root offset", "root offset", "bins size", "sequence", "minor version", "root to vk"])
    if field == "root offset":
        value = rng.choice([0, 0xFFFFFFFF, layout.bins_size, layout.bins_size - 8, 0x20 + 8 * rng.randrange(1, 512), 1])
        put32(data, 36, value)
    elif field == "root to vk" and layout.cells.get("vk"):
        value = layout.relative(rng.choice(layout.cells["vk"]))
        put32(data, 36, value)
    elif field == "bins size":
        value = rng.choice([4096, layout.bins_size + 4096, max(4096, layout.bins_size - 4096), 0x7FFFF000])
        put32(data, 40, value)
    elif field == "sequence":
        value = u32(data, 4) + rng.randrange(1, 3)
        put32(data, 8, value)
    else:
        value = rng.choice([0, 2, 4, 5, 6, 0xFFFFFFFF])
        put32(data, 24, value)
    fix_checksum(data)
    return f"header {field} = 0x{value & 0xFFFFFFFF:x} (checksum fixed)"


def m_stacked(data, layout, rng):
    """Two to four different mutations of the field-level classes on one hive."""
    names = rng.sample(sorted(FIELD_MUTATIONS), rng.randint(2, 4))
    return " + ".join(f"{name}: {FIELD_MUTATIONS[name](data, layout, rng)}" for name in names)


FIELD_MUTATIONS = {
    "bitflip": m_bitflip, "nk-field": m_nk_field, "nk-name-length": m_name_length, "nk-parent": m_parent,
    "list-outside": m_list_outside, "vk-field": m_vk_field, "subkey-list": m_subkey_list,
    "hbin": m_hbin, "cell-size": m_cell_size, "header": m_header,
}


class Base:
    def __init__(self, path, kind):
        self.path = path
        self.kind = kind
        self.name = os.path.basename(path)
        with open(path, "rb") as handle:
            self.data = handle.read()
        self.layout = Layout(self.data)
        # Transaction logs beside the hive (.LOG, .LOG1, .LOG2 in any case): copied with every mutant,
        # since every read command replays them.
        self.logs = {}
        folder = os.path.dirname(path)
        for name in sorted(os.listdir(folder)):
            if name.lower() in (self.name.lower() + suffix for suffix in (".log", ".log1", ".log2")):
                with open(os.path.join(folder, name), "rb") as handle:
                    self.logs[name] = handle.read()


def m_log(data, layout, rng, logs, name):
    """Damages a transaction log beside the hive (the hive itself is left alone). A hive without
    logs is made dirty and gets a log built from its own base block plus garbage."""
    if not logs:
        put32(data, 8, u32(data, 4) + 1)
        fix_checksum(data)
        log = bytearray(data[:512])
        put32(log, 28, 6)  # file type: new-format log
        fix_checksum(log)
        log += b"HvLE" + bytes(rng.getrandbits(8) for _ in range(rng.randrange(28, 4096)))
        logs[name + ".LOG1"] = bytes(log)
        return f"hive made dirty, garbage new-format log {name}.LOG1 ({len(log)} bytes)"
    target = rng.choice(sorted(logs))
    log = bytearray(logs[target])
    entries = [i for i in range(512, len(log) - 40, 512) if log[i:i + 4] == b"HvLE"]
    choice = rng.choice(["bitflip", "truncate", "entry field", "entry field", "header", "empty"])
    if choice == "bitflip" or (choice == "entry field" and not entries):
        for _ in range(rng.randint(1, 16)):
            offset = rng.randrange(len(log))
            log[offset] ^= 1 << rng.randrange(8)
        what = "bits flipped"
    elif choice == "truncate":
        cut = rng.randrange(0, len(log))
        del log[cut:]
        what = f"truncated at 0x{cut:x}"
    elif choice == "entry field":
        entry = rng.choice(entries)
        # HvLE: size @4, flags @8, sequence @12, bins size @16, dirty page count @20, hashes @24/@32
        field, offset = rng.choice([("size", 4), ("sequence", 12), ("bins size", 16), ("page count", 20), ("hash", 24)])
        value = rng.choice(INTERESTING32 + [u32(log, entry + offset) + 1, rng.getrandbits(32)])
        put32(log, entry + offset, value)
        what = f"HvLE@0x{entry:x} {field} = 0x{value:x}"
    elif choice == "header":
        field, offset = rng.choice([("sequence 1", 4), ("sequence 2", 8), ("bins size", 40), ("file type", 28)])
        value = rng.choice(INTERESTING32 + [u32(log, offset) + 1])
        put32(log, offset, value)
        if rng.random() < 0.5:
            fix_checksum(log)
        what = f"header {field} = 0x{value:x}"
    else:
        log = bytearray()
        what = "emptied"
    logs[target] = bytes(log)
    return f"log {target}: {what}"


MUTATIONS = dict(FIELD_MUTATIONS, truncate=m_truncate, stacked=m_stacked, log=m_log)


def file_state(path):
    stat = os.stat(path)
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    return digest, stat.st_mtime_ns, stat.st_size


def folder_state(folder):
    return {name: file_state(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}


def commands_for(kind, hive):
    deep, get_key, get_value = DEEP_KEYS[kind]
    commands = [
        ("info", ["info", hive], False),
        ("info-json", ["info", "--format", "json", hive], True),
        ("ls-root", ["ls", hive], False),
        ("ls-deep", ["ls", "--format", "json", hive, deep], True),
        ("get", ["get", hive, get_key] + ([get_value] if get_value else []), False),
        ("list-profiles", ["list-profiles", hive], False),
        ("list-profiles-json", ["list-profiles", "--format", "json", hive], True),
        ("outlook-json", ["outlook", "--format", "json", hive], True),
        ("get-expire", ["get-expire", "--format", "json", hive], True),
    ]
    # hivetool deleted: keys and values recovered from free space (RegistryFormat's scanner).
    commands += [
        ("deleted", ["deleted", hive], False),
        ("deleted-json", ["deleted", "--format", "json", hive], True),
    ]
    # hivex's unsafe mode (--unsafe) tolerates corruption and is documented to crash on some inputs:
    # hivetool must still end with a message, not a signal.
    commands += [
        ("info-unsafe", ["info", "--unsafe", hive], False),
        ("list-profiles-unsafe", ["list-profiles", "--unsafe", "--format", "json", hive], True),
    ]
    if kind == "software":
        commands.append(("set-expire-dry-run", ["set-expire", "1", "--dry-run", hive], False))
        commands.append(("set-expire-dry-run-json", ["set-expire", "1", "--view", "both", "--create-key", "--dry-run", "--format", "json", hive], True))
    if kind == "user":
        # Not in the brief's list, but the same promise: a dry run of an edit never writes.
        commands.append(("purge-dry-run", ["purge", "--dry-run", "--format", "json", hive], True))
        commands.append(("purge-dry-run-apply-logs", ["purge", "--dry-run", "--apply-logs", hive], False))
    return commands


def run(hivetool, arguments, cwd, timeout=TIMEOUT):
    started = time.monotonic()
    process = subprocess.Popen([hivetool] + arguments, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        hung = True
    return process.returncode, stdout, stderr, hung, time.monotonic() - started


def check(code, stdout, stderr, hung, wants_json, before, after, jsonl=False, stderr_rule=True):
    """The problems of one run: crash, hang, changed, json, stderr."""
    problems = []
    if hung:
        problems.append(("hang", f"no exit after {TIMEOUT} s"))
    elif code < 0 or code >= 128:
        name = signal.Signals(-code).name if code < 0 and -code in signal.Signals._value2member_map_ else str(code)
        problems.append(("crash", f"killed by {name}" if code < 0 else f"exit {code}"))
    if before != after:
        changed = [name for name in set(before) | set(after) if before.get(name) != after.get(name)]
        problems.append(("changed", "changed: " + ", ".join(sorted(changed))))
    if not hung and code in (0, 2) and wants_json:
        try:
            if jsonl:
                for line in stdout.decode("utf-8").splitlines():
                    json.loads(line)
            else:
                json.loads(stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            problems.append(("json", f"stdout is not JSON: {error}"))
    if not hung and stderr_rule and 0 < code < 128:
        lines = stderr.decode("utf-8", "replace").splitlines()
        errors = [line for line in lines if not line.startswith("hivetool: warning:")]
        if len(errors) != 1 or not errors[0].startswith("hivetool: "):
            problems.append(("stderr", f"stderr is not one 'hivetool:' line: {lines[:3]!r}"))
    return problems


def worker_problems(stdout, jsonl):
    """scan contains a crash or hang in a worker process as an error record: count it anyway."""
    try:
        text = stdout.decode("utf-8")
        records = [json.loads(line) for line in text.splitlines()] if jsonl else json.loads(text).get("records", [])
    except (ValueError, UnicodeDecodeError, AttributeError):
        return []
    problems = []
    for record in records:
        kind = record.get("errorKind") if isinstance(record, dict) else None
        if kind in ("crash", "timeout"):
            problems.append(("crash" if kind == "crash" else "hang",
                             f"scan worker {kind} on {record.get('path')}: {record.get('error')}"))
    return problems


def signal_name(code):
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return str(-code)
    return f"exit {code}"


class Campaign:
    def __init__(self, args):
        self.args = args
        self.work = os.path.join(args.out, "work")
        self.crashes = os.path.join(args.out, "crashes")
        for folder in (self.work, self.crashes):
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
        self.results = []  # (mutant index, command, mutation, problems, code)
        self.findings = []

    def record(self, index, command, mutation, description, problems, code, stderr, mutant_bytes, argv, base):
        self.results.append((index, command, mutation, [kind for kind, _ in problems], code))
        if not problems:
            return
        folder = os.path.join(self.crashes, f"m{index:05d}-{command}")
        os.makedirs(folder, exist_ok=True)
        data, logs = mutant_bytes
        for name, content in [(base.name, data)] + sorted(logs.items()):
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(content)
        with open(os.path.join(folder, "README.txt"), "w") as handle:
            handle.write(f"base: {base.path}\nmutation: {mutation}: {description}\n")
            handle.write(f"reproduce (in this folder): hivetool {shlex.join(argv)}\n")
            handle.write(f"result: {signal_name(code)}\nproblems:\n")
            for kind, text in problems:
                handle.write(f"  {kind}: {text}\n")
            handle.write("stderr (tail):\n" + stderr.decode("utf-8", "replace")[-3000:] + "\n")
        self.findings.append((index, command, mutation, description, problems, code, folder))

    def mutant(self, index, bases):
        rng = random.Random(f"{self.args.seed}:{index}")
        names = sorted(MUTATIONS)
        # Hive and class both rotate; with coprime counts every pair comes up once per cycle.
        base = bases[index % len(bases)]
        mutation = names[index % len(names)]
        data = bytearray(base.data)
        logs = dict(base.logs)
        if mutation == "log":
            description = m_log(data, base.layout, rng, logs, base.name)
        else:
            description = MUTATIONS[mutation](data, base.layout, rng)
            if rng.random() < 0.25 and mutation not in ("truncate",):  # sometimes a second mutation of the same class
                description += "; " + MUTATIONS[mutation](data, base.layout, rng)
        return base, mutation, description, bytes(data), logs

    def run_mutant(self, index, bases):
        base, mutation, description, data, logs = self.mutant(index, bases)
        folder = os.path.join(self.work, f"m{index:05d}")
        os.makedirs(folder)
        for name, content in [(base.name, data)] + sorted(logs.items()):
            path = os.path.join(folder, name)
            with open(path, "wb") as handle:
                handle.write(content)
            os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        outcomes = []
        for command, argv, wants_json in commands_for(base.kind, base.name):
            before = folder_state(folder)
            code, stdout, stderr, hung, seconds = run(self.args.hivetool, argv, folder)
            after = folder_state(folder)
            problems = check(code, stdout, stderr, hung, wants_json, before, after)
            outcomes.append((command, argv, problems, code, stderr, seconds))
        return index, base, mutation, description, (data, logs), folder, outcomes

    def run_scan(self, batch, folders, good):
        """hivetool scan over a folder of the batch's mutants plus good hives."""
        folder = os.path.join(self.work, f"scan{batch:04d}")
        os.makedirs(folder)
        for position, source in enumerate(folders):
            for name in os.listdir(source):
                os.makedirs(os.path.join(folder, f"u{position:03d}"), exist_ok=True)
                shutil.copy2(os.path.join(source, name), os.path.join(folder, f"u{position:03d}", name))
        for position, base in enumerate(good):
            os.makedirs(os.path.join(folder, f"good{position}"), exist_ok=True)
            shutil.copy2(base.path, os.path.join(folder, f"good{position}", base.name))
        results = []
        for command, arguments, jsonl in (("scan", ["scan", "--jobs", "1", "--timeout", "15", "--format", "jsonl", "."], True),
                                          ("scan-json", ["scan", "--jobs", "1", "--timeout", "15", "--format", "json", "."], False)):
            before = {os.path.relpath(os.path.join(d, f), folder): file_state(os.path.join(d, f))
                      for d, _, files in os.walk(folder) for f in files}
            code, stdout, stderr, hung, seconds = run(self.args.hivetool, arguments, folder, timeout=60)
            after = {os.path.relpath(os.path.join(d, f), folder): file_state(os.path.join(d, f))
                     for d, _, files in os.walk(folder) for f in files}
            problems = check(code, stdout, stderr, hung, True, before, after, jsonl=jsonl, stderr_rule=False)
            problems += worker_problems(stdout, jsonl)
            results.append((command, arguments, problems, code, stderr, seconds))
        return folder, results

    def execute(self, bases, runs):
        per_mutant = {kind: len(commands_for(kind, "x")) for kind in DEEP_KEYS}
        plan, total, index = [], 0, 0
        while total < runs:
            base = bases[index % len(bases)]
            plan.append(index)
            total += per_mutant[base.kind]
            index += 1
            if index % self.args.scan_every == 0:
                total += 2
        started = time.monotonic()
        done = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.args.jobs) as pool:
            for result in pool.map(lambda i: self.run_mutant(i, bases), plan):
                index, base, mutation, description, data, folder, outcomes = result
                done[index] = result
                for command, argv, problems, code, stderr, seconds in outcomes:
                    self.record(index, command, mutation, description, problems, code, stderr, data, argv, base)
                if self.args.verbose:
                    print(f"m{index:05d} {base.name} {mutation}: {description}: "
                          + " ".join(f"{c}={signal_name(code)}" for c, _, _, code, _, _ in outcomes), file=sys.stderr)
                elif (index + 1) % 50 == 0:
                    print(f"mutate: {index + 1}/{len(plan)} mutants, {len(self.results)} runs, "
                          f"{len(self.findings)} problem(s), {time.monotonic() - started:.0f} s", file=sys.stderr)
        # scan batches, in order (each over scan_every mutants plus the good hives)
        good = [b for b in bases if os.path.getsize(b.path) <= 1 << 20][:3]
        batches = [plan[i:i + self.args.scan_every] for i in range(0, len(plan), self.args.scan_every)]
        batches = [b for b in batches if len(b) == self.args.scan_every]
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.args.jobs) as pool:
            scans = list(pool.map(lambda n: self.run_scan(n, [os.path.join(self.work, f"m{i:05d}") for i in batches[n]], good),
                                  range(len(batches))))
        for number, (folder, results) in enumerate(scans):
            for command, argv, problems, code, stderr, seconds in results:
                self.results.append((batches[number][0], command, "scan-batch", [k for k, _ in problems], code))
                if problems:
                    target = os.path.join(self.crashes, f"scan{number:04d}-{command}")
                    shutil.copytree(folder, target, dirs_exist_ok=True)
                    with open(os.path.join(target, "README.txt"), "w") as handle:
                        handle.write(f"command: hivetool {' '.join(argv)} (in this folder)\nresult: {signal_name(code)}\n")
                        for kind, text in problems:
                            handle.write(f"  {kind}: {text}\n")
                        handle.write("mutants: " + ", ".join(f"m{i:05d}" for i in batches[number]) + "\n")
                        handle.write("stderr (tail):\n" + stderr.decode("utf-8", "replace")[-3000:] + "\n")
                    self.findings.append((batches[number][0], command, "scan-batch", folder, problems, code, target))
        return time.monotonic() - started

    def summary(self, seconds, bases):
        kinds = ["crash", "hang", "changed", "json", "stderr"]
        print(f"\nmutate: seed {self.args.seed}, {len(self.results)} runs in {seconds:.0f} s, "
              f"{len({r[0] for r in self.results})} mutants of {len(bases)} hives, hivetool {self.args.hivetool}")
        totals = Counter(kind for r in self.results for kind in set(r[3]))
        print("totals: " + ", ".join(f"{totals[k]} {k}" for k in kinds))
        for title, key in (("by command", 1), ("by mutation", 2)):
            table = defaultdict(Counter)
            for r in self.results:
                table[r[key]]["runs"] += 1
                for kind in set(r[3]):
                    table[r[key]][kind] += 1
            print(f"\n{title:<26}{'runs':>6}" + "".join(f"{k:>9}" for k in kinds))
            for name in sorted(table):
                print(f"{name:<26}{table[name]['runs']:>6}" + "".join(f"{table[name][k]:>9}" for k in kinds))
        codes = Counter((r[1], signal_name(r[4])) for r in self.results)
        print("\nexit statuses: " + ", ".join(f"{c} {s}: {n}" for (c, s), n in sorted(codes.items())))
        if self.findings:
            print(f"\nproblems ({len(self.findings)}), inputs and command lines under {self.crashes}:")
            for index, command, mutation, description, problems, code, folder in self.findings[:60]:
                print(f"  m{index:05d} {command}: {signal_name(code)}: {mutation}: {description}: "
                      + "; ".join(f"{k}: {t}" for k, t in problems))
            if len(self.findings) > 60:
                print(f"  ... {len(self.findings) - 60} more")
        return any(totals[k] for k in kinds)


def main():
    parser = argparse.ArgumentParser(prog="scripts/mutate")
    parser.add_argument("runs", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hivetool", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default="/tmp/hivetool-mutate")
    parser.add_argument("--shared", default=None)
    parser.add_argument("--scan-every", type=int, default=20)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-shared", action="store_true")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    bases = [Base(os.path.join(root, "samples/NTUSER.DAT"), "user"), Base(os.path.join(root, "samples/SOFTWARE"), "software")]
    shared = args.shared or os.path.join(root, "..", "shared", "hives")
    if not args.no_shared and os.path.isdir(shared):
        for relative, kind in (("real/NTUSER-outlook2010.DAT", "user"), ("real/NTUSER-outlook2016.DAT", "user"),
                               ("real/NTUSER-no-outlook.DAT", "user"), ("odd/special", "other"),
                               ("dirty/transactions_NTUSER.DAT", "user"), ("dirty/UsrClass.dat", "other"),
                               ("corrupt/corrupt_sub_key_list.hiv", "other")):
            path = os.path.join(shared, relative)
            if os.path.isfile(path):
                bases.append(Base(path, kind))
    campaign = Campaign(args)
    seconds = campaign.execute(bases, args.runs)
    failed = campaign.summary(seconds, bases)
    if not args.verbose:
        shutil.rmtree(campaign.work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
