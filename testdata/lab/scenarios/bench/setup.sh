# scenario bench: resolvers with latency in front of the lab's views (bench/run sets the variables)
if [[ -n "${BENCH_DELAY_DNS:-}" ]]; then
	lab_add_addr 127.0.0.63 127.0.0.64
	lab_start_service delay-internal "$BENCH_DELAY_DNS" 127.0.0.63 "$INTERNAL_DNS" "${BENCH_DELAY_MS:-50}"
	lab_start_service delay-external "$BENCH_DELAY_DNS" 127.0.0.64 "$EXTERNAL_DNS" "${BENCH_DELAY_MS:-50}"
	lab_wait_until "delay_dns" "$LAST_PID" "$LAB_DIR/delay-external.log" \
		dig +time=2 +tries=1 @127.0.0.64 lyncdiscover.d001.bench.test A
fi
