#!/bin/sh
# Runs "$@" and stops it when this script's standard input closes. The JVM holds the other end
# of that pipe, so the child dies with the JVM however the JVM ends, even by SIGKILL, which no
# shutdown hook survives. Usage: watchdog.sh <folder to remove when orphaned, or -> <command...>
cleanup_dir=$1
shift
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
(
  while read -r _ <&3; do :; done
  kill -TERM "$child" 2>/dev/null
  i=0
  while kill -0 "$child" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  kill -KILL "$child" 2>/dev/null
) &
guard=$!
exec 3<&-

# True once the JVM has ended. Orphans get a new parent as the JVM exits, before it is reaped,
# while "kill -0" still finds its zombie until then.
jvm_gone() {
  if read -r stat 2>/dev/null </proc/$$/stat; then
    set -- ${stat##*) }
    [ "$2" != "$PPID" ]
  else
    ! kill -0 "$PPID" 2>/dev/null
  fi
}

wait "$child"
status=$?
kill "$guard" 2>/dev/null
# Here, not in the guard: the guard is killed as soon as the child is gone.
if [ "$cleanup_dir" != "-" ] && jvm_gone; then rm -rf "$cleanup_dir"; fi
exit "$status"
