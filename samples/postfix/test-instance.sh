#!/usr/bin/env bash
# Runs a private Postfix instance for the tests, configured from this folder's main.cf and
# transport, without touching the system's Postfix: its own config, queue and data directories
# under DIR, listening only on 127.0.0.1:PORT. Needs root (Postfix's master runs as root).
#
#   test-instance.sh start DIR PORT GATEWAY_PORT MAILBOX_DOMAIN USER...
#       mail for <number>@fax.local goes to 127.0.0.1:GATEWAY_PORT (the gateway);
#       mail for USER@MAILBOX_DOMAIN is delivered into DIR/mailboxes/MAILBOX_DOMAIN/USER/ (Maildir)
#   test-instance.sh stop DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:?start or stop}"
dir="${2:?instance directory}"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

if [ "$cmd" = stop ]; then
  if [ -f "$dir/conf/main.cf" ]; then
    postfix -c "$dir/conf" stop >/dev/null 2>&1 || true
    # master exits within a second or two; wait for its pid file to go (bounded)
    for _ in $(seq 1 50); do
      [ -s "$dir/queue/pid/master.pid" ] && kill -0 "$(tr -d ' ' < "$dir/queue/pid/master.pid")" 2>/dev/null || break
      sleep 0.1
    done
  fi
  exit 0
fi

port="${3:?port}"
gwport="${4:?gateway port}"
domain="${5:?mailbox domain}"
shift 5
if [ "$(id -u)" -ne 0 ]; then
  echo "test-instance.sh: must run as root (Postfix's master does)" >&2
  exit 1
fi
command -v postfix >/dev/null || { echo "test-instance.sh: postfix is not installed (bin/install-test-deps)" >&2; exit 1; }

mkdir -p "$dir/conf" "$dir/queue" "$dir/data" "$dir/mailboxes"
chown root:root "$dir" "$dir/conf" "$dir/queue"
chown postfix:postfix "$dir/data"
# virtual(8) delivers as the mailbox owner: nobody, never root
chown 65534:65534 "$dir/mailboxes"

# The sample lines, with the gateway's port and this instance's tables.
sed -e "s#hash:/etc/postfix/transport#hash:$dir/conf/transport#" "$here/main.cf" > "$dir/conf/main.cf"
sed -e "s#\[127.0.0.1\]:2525#[127.0.0.1]:$gwport#" "$here/transport" > "$dir/conf/transport"
cat >> "$dir/conf/main.cf" <<CONF

# --- private test instance (test-instance.sh) ---
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = faxgw-test.localdomain
mydestination =
inet_protocols = ipv4
inet_interfaces = 127.0.0.1
alias_maps =
alias_database =
maillog_file_prefixes = $dir
maillog_file = $dir/maillog
smtpd_banner = \$myhostname ESMTP faxgw-test
virtual_mailbox_domains = $domain
virtual_mailbox_base = $dir/mailboxes
virtual_mailbox_maps = hash:$dir/conf/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
# deliver at once, retry soon: the tests wait for it
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
smtp_connect_timeout = 5s
CONF
: > "$dir/conf/vmailbox"
for u in "$@"; do
  echo "$u@$domain $domain/$u/" >> "$dir/conf/vmailbox"
done
cat > "$dir/conf/master.cf" <<MASTER
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
MASTER
postmap -c "$dir/conf" "$dir/conf/transport"
postmap -c "$dir/conf" "$dir/conf/vmailbox"
postfix -c "$dir/conf" set-permissions >/dev/null 2>&1 || true
postfix -c "$dir/conf" check
postfix -c "$dir/conf" start
