"""Prints one line of the shared harness's `score` JSON (stdin): exact F1 (P, R) and speaker
accuracy of one view (argv[1]: `direct`, the default, or `direct+partial`), and all-quoted exact F1."""
import json
import sys

m = json.load(sys.stdin)["metrics"]
d, a = m[sys.argv[1] if len(sys.argv) > 1 else "direct"], m["all_quoted"]
e = d["exact"]
print(f"exact F1 {e['f1']:.3f} (P {e['p']:.3f} R {e['r']:.3f})  speaker acc {d['speaker_acc']:.3f}  "
      f"all-quoted exact F1 {a['exact']['f1']:.3f}")
