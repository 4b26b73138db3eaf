# scenario: a plain listener on the token endpoint's port that records every byte it receives.
: >"$LAB_DIR/captured-8088"
lab_start_service capture-8088 \
	socat -u "TCP-LISTEN:8088,bind=127.10.0.10,reuseaddr,fork" "OPEN:$LAB_DIR/captured-8088,append"
lab_wait_until "capturing listener 127.10.0.10:8088" "$LAST_PID" "$LAB_DIR/capture-8088.log" \
	listener_ready 127.10.0.10 8088
