#!/bin/bash
# Records the real reports behind lab check's test fixtures (lab-cli/src/test/resources/workshop/).
cd /tmp/wsrec
W=/work/wt/check
export LAB_SAMPLE_APP_JAR=$W/sample-app/target/sample-app.jar LAB_TRAFFIC_GEN_JAR=$W/traffic-gen/target/traffic-gen.jar
export LAB_CATALOG=$W/lab.yaml LAB_PORT=18431
lab() { java -jar $W/lab-cli/target/lab-cli.jar "$@"; }
mkdir -p out
keep() { f=$(ls -t .lab/reports/*.json | grep -v last.json | head -1); cp "$f" out/$1.json; echo "== $1 <- $f"; }
run() { name=$1; shift; echo "=== $name: lab $* ($(date -u +%T))"; lab "$@" > out/$name.out 2> out/$name.err; echo "exit $?"; tail -2 out/$name.out; keep $name; }
cp strict-canary.yaml my-canary.yaml
lab up -d || exit 1
run canary-v4-rolled-back rollout v4 --strategy fast.yaml
run config-v3-rolled-back rollout v3 --strategy fast.yaml --config my-canary.yaml
run blue-green-v4 rollout v4 --strategy fast-bg.yaml
run policies-v6 rollout v6 --strategy slow-policies.yaml
run config-v2-promoted rollout v2 --strategy fast.yaml --config my-canary.yaml
lab down; lab up -d || exit 1
run canary-v2-promoted rollout v2 --strategy fast.yaml
lab down; lab up -d || exit 1
run blue-green-v2-promoted rollout v2 --strategy fast-bg.yaml
lab down; lab up -d || exit 1
cp lax-canary.yaml my-canary.yaml
run lax-config-v3 rollout v3 --strategy fast.yaml --config my-canary.yaml
lab down; lab up -d --prometheus || exit 1
run prometheus-v3 rollout v3 --strategy fast.yaml
lab down
echo "=== lab test ($(date -u +%T))"
lab test v2-promoted.yaml v4-rolled-back.yaml --junit out/lab-test.xml > out/test.out 2> out/test.err; echo "exit $?"
echo "=== done $(date -u +%T)"
