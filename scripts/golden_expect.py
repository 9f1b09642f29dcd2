#!/usr/bin/env python3
"""Writes tests/golden/<id>/<path>.expected.json from a play --json run, for an author to review
by hand before committing (the golden test then holds the engine to it).
usage: scripts/golden_expect.py build/alertdrill tests/golden/<id>/<path>.script"""
import json, os, subprocess, sys
binary, script = sys.argv[1], sys.argv[2]
scenario_id = os.path.basename(os.path.dirname(script))
scenario = os.path.join(os.path.dirname(__file__), '..', 'scenarios', scenario_id + '.toml')
out = subprocess.run([binary, 'play', scenario, '--script', script, '--json'], check=True,
                     capture_output=True, text=True).stdout
s = json.loads(out)
expected = {
    'total': s['total'],
    'phases': {k: v['score'] for k, v in s['phases'].items()},
    'time_to_contain_min': s['time_to_contain_min'],
    'missed': s['missed'],
    'harmful': s['harmful'],
    'feedback': ['[%s] %+d %s' % (f['step'], f['points'], f['text']) for f in s['feedback']],
}
path = script[:-len('.script')] + '.expected.json'
with open(path, 'w') as f:
    json.dump(expected, f, indent=2)
    f.write('\n')
print(path, expected['total'])
