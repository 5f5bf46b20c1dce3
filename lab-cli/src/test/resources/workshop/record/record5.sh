#!/bin/bash
# Records a passing lab test (lab check ci-gate's "done"): at normal pace, since at ci pace on a busy machine
# traffic-gen's JVM started too late for the 10 s analysis (record.sh's lab test: NODATA, kept as lab-test-failed.xml).
cd /tmp/wsrec
while pgrep -f "record[24]?.sh" >/dev/null; do sleep 5; done
W=/work/wt/check
export LAB_SAMPLE_APP_JAR=$W/sample-app/target/sample-app.jar LAB_TRAFFIC_GEN_JAR=$W/traffic-gen/target/traffic-gen.jar
export LAB_CATALOG=$W/lab.yaml LAB_PORT=18431
lab() { java -jar $W/lab-cli/target/lab-cli.jar "$@"; }
echo "=== lab test ($(date -u +%T))"
lab test v2-promoted.yaml v4-rolled-back.yaml --pace normal --junit out/lab-test.xml > out/test.out 2> out/test.err; echo "exit $?"
echo "=== done $(date -u +%T)"
