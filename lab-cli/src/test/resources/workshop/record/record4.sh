#!/bin/bash
# Records again what the busy machine spoiled in record.sh: lax-config v3 (heap had no data) and v2 blue-green
# (inconclusive), with a longer analysis.
cd /tmp/wsrec
while pgrep -f "record[23]?.sh" >/dev/null; do sleep 5; done
W=/work/wt/check
export LAB_SAMPLE_APP_JAR=$W/sample-app/target/sample-app.jar LAB_TRAFFIC_GEN_JAR=$W/traffic-gen/target/traffic-gen.jar
export LAB_CATALOG=$W/lab.yaml LAB_PORT=18431
lab() { java -jar $W/lab-cli/target/lab-cli.jar "$@"; }
keep() { f=$(ls -t .lab/reports/*.json | grep -v last.json | head -1); cp "$f" out/$1.json; echo "== $1 <- $f"; }
run() { name=$1; shift; echo "=== $name: lab $* ($(date -u +%T))"; lab "$@" > out/$name.out 2> out/$name.err; echo "exit $?"; tail -2 out/$name.out; keep $name; }
cp lax-canary.yaml my-canary.yaml
lab up -d || exit 1
run lax-config-v3 rollout v3 --strategy fast-long.yaml --config my-canary.yaml
lab down; lab up -d || exit 1
run blue-green-v2-promoted rollout v2 --strategy fast-bg-long.yaml
lab down
echo "=== done $(date -u +%T)"
