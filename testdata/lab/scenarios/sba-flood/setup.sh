# scenario: on 127.10.6.1, 5088 and 5089 each have a listener (socat) with a backlog of 1 that accepts its
# first connection and then no other (max-children=1, and that child never ends while the lab runs): the
# kernel queues the next two connections and drops every SYN after them. The child watches the listener
# and ends with it, so nothing outlives the lab.
lab_add_addr 127.10.6.1 127.10.6.2
cat >"$LAB_DIR/stuck-child.sh" <<'SCRIPT'
#!/bin/bash
# Parent: the socat that holds the connection; its parent: the listener.
listener=$(awk '{ print $4 }' "/proc/$PPID/stat")
while [[ -d "/proc/$listener" ]]; do sleep 0.2; done
SCRIPT
chmod +x "$LAB_DIR/stuck-child.sh"
# socat waiting for a free child slot takes seconds to honour SIGTERM: the wrapper ends it at once.
for port in 5088 5089; do
	lab_start_service "stuck-$port" bash -c 'socat -t 3600 "$@" & trap "kill -KILL $!" TERM; wait' stuck \
		"TCP-LISTEN:$port,bind=127.10.6.1,reuseaddr,fork,max-children=1,backlog=1" "EXEC:$LAB_DIR/stuck-child.sh"
	lab_wait_until "stuck listener 127.10.6.1:$port" "$LAST_PID" "$LAB_DIR/stuck-$port.log" listener_ready 127.10.6.1 "$port"
done
