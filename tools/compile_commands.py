#!/usr/bin/env python3
"""Writes compile_commands.json for the firmware (and host unit tests) to
stdout, from a dry run of make with full commands (make -Bn V=1)."""
import json
import os
import shlex
import subprocess
import sys

make = sys.argv[1] if len(sys.argv) > 1 else "make"
root = os.getcwd()
out = subprocess.run([make, "-Bnk", "V=1", "firmware", "unit"], capture_output=True,
                     text=True).stdout
entries = []
for line in out.splitlines():
    line = line.strip()
    if " -c " not in line or not ("gcc" in line.split()[0] or line.startswith("cc")):
        continue
    args = shlex.split(line)
    try:
        src = args[args.index("-c") + 1]
    except (ValueError, IndexError):
        continue
    entries.append({"directory": root, "file": os.path.join(root, src), "arguments": args})
json.dump(entries, sys.stdout, indent=1)
print()
