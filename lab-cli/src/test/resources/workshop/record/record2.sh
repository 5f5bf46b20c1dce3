#!/bin/bash
# Records the blue-green rollout of v4 that only post-promotion analysis stops (lab check blue-green's "not yet").
cd /tmp/wsrec
while pgrep -f "record.sh" >/dev/null; do sleep 5; done
W=/work/wt/check
export LAB_SAMPLE_APP_JAR=$W/sample-app/target/sample-app.jar LAB_TRAFFIC_GEN_JAR=$W/traffic-gen/target/traffic-gen.jar
export LAB_CATALOG=$W/lab.yaml LAB_PORT=18431
lab() { java -jar $W/lab-cli/target/lab-cli.jar "$@"; }
keep() { f=$(ls -t .lab/reports/*.json | grep -v last.json | head -1); cp "$f" out/$1.json; echo "== $1 <- $f"; }
run() { name=$1; shift; echo "=== $name: lab $* ($(date -u +%T))"; lab "$@" > out/$name.out 2> out/$name.err; echo "exit $?"; tail -2 out/$name.out; keep $name; }
lab up -d || exit 1
run blue-green-v4-post rollout v4 --strategy fast-bg-post.yaml
lab down
echo "=== done $(date -u +%T)"
