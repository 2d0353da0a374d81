#!/usr/bin/env bash
# Every policy model static_asserts its role's concept in its own header: for each header under
# policies/ that declares models (`using policy_role = ...`), at least as many concept checks
# (`static_assert(<role>_policy<...>`, `..._model<...>`, `exchanging_repair<...>`) as models.
# Arguments: the headers.
set -euo pipefail
bad=0
checked=0
for f in "$@"; do
  models=$(grep -cE '^\s*using policy_role = ' "$f" || true)
  [[ "$models" -eq 0 ]] && continue
  asserts=$(grep -cE '^static_assert\([a-z_]+(_policy|_model|_repair)<' "$f" || true)
  checked=$((checked + 1))
  if [[ "$asserts" -lt "$models" ]]; then
    echo "FAIL $f: $models model(s), $asserts concept static_assert(s) at namespace scope"
    bad=1
  fi
done
echo "$checked model headers checked"
[[ "$checked" -gt 0 ]] || { echo "FAIL no model headers given"; exit 1; }
exit "$bad"
