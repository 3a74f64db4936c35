"""Prints the headline numbers of quote-scorer result files (target/eval/quotes/results/*.json)."""
import json
import sys

VIEW_OF_RUN = {"quotelens": "direct", "quotelens-partial": "direct+partial", "quotelens-all": "all_quoted"}

for path in sys.argv[1:]:
    result = json.load(open(path))
    view = VIEW_OF_RUN.get(result["system"], "direct")
    m = result["metrics"][view]
    ex = m["exact"]
    line = f"{result['system']:<18} {view:<15} exact P {ex['p']:.3f} R {ex['r']:.3f} F1 {ex['f1']:.3f}"
    if view != "all_quoted":
        line += f"  speaker acc {m['speaker_acc']:.3f}  e2e F1 {m['e2e']['f1']:.3f}"
    print(line)
