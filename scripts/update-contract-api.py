#!/usr/bin/env python3
"""Builds src/Ironic.Drivers and writes RS0016/RS0017 findings into PublicAPI.Unshipped.txt."""
import re, subprocess, sys
root = sys.argv[1] if len(sys.argv) > 1 else "."
proj = f"{root}/src/Ironic.Drivers/Ironic.Drivers.csproj"
unshipped = f"{root}/src/Ironic.Drivers/PublicAPI.Unshipped.txt"
out = subprocess.run(["dotnet", "build", proj, "-c", "Release", "--nologo", "-v", "q", "--no-incremental"], capture_output=True, text=True).stdout
added = sorted(set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared (?:public )?API", out)))
removed = sorted(set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API", out)))
lines = open(unshipped).read().splitlines()
for r in removed:
    if r in lines: lines.remove(r)
    else: lines.append("*REMOVED*" + r)
lines += [a for a in added if a not in lines]
head = [l for l in lines if l.startswith("#")]
body = sorted(set(l for l in lines if l and not l.startswith("#")), key=lambda l: (l.startswith("*REMOVED*"), l.removeprefix("*REMOVED*")))
open(unshipped, "w").write("\n".join(head + body) + "\n")
print(f"added {len(added)}, removed {len(removed)}")
other = [l for l in out.splitlines() if " error " in l and "RS0016" not in l and "RS0017" not in l]
print("\n".join(sorted(set(other))[:20]))
