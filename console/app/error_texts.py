# ruff: noqa: E501
"""The console's error texts, WRITTEN by tests/console/test_error_catalogue.py from the core."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks *text* for translation in *context*; it is translated where it is shown."""
    return text


# code → (what happened, what to do next), word for word as the core raises it; {name}: params.
TEXTS: dict[str, tuple[str, str]] = {
    "agent.leg_failed": (
        QT_TRANSLATE_NOOP("Errors", "The data connection to the relay failed: {detail}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Try again; if it keeps failing, something between this computer and the relay interferes.",
        ),
    ),
    "archive.anchors_not_index": (
        QT_TRANSLATE_NOOP("Errors", "{index_path} is not a Valuezone archive index ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Pass the index file of the archive (DATA/review-index/…sqlite3), or leave --index out."
        ),
    ),
    "archive.anchors_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The index {index_path} cannot be opened ({exc})."),
        "",
    ),
    "archive.folder_missing": (
        QT_TRANSLATE_NOOP("Errors", "The archive folder {archive} does not exist."),
        QT_TRANSLATE_NOOP("Errors", "Pass the folder that holds the records (ARCHIVE/YYYY/MM/DD/<session>)."),
    ),
    "archive.index_too_new": (
        QT_TRANSLATE_NOOP(
            "Errors", "The archive index {path} was written by a newer Valuezone (index schema {version})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Update Valuezone, or delete the index file: `valuezone review index` rebuilds it."
        ),
    ),
    "archive.index_unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The archive index {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the data folder's free space and permissions; deleting the index file rebuilds it.",
        ),
    ),
    "archive.index_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The archive index cannot be opened ({exc})."),
        "",
    ),
    "archive.report_unwritable": (
        QT_TRANSLATE_NOOP("Errors", "The report cannot be written to {path} ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "Choose another file or folder, or free some space, and export again."),
    ),
    "archive.search_failed": (
        QT_TRANSLATE_NOOP("Errors", "The search {text!r} could not run ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Try other words."),
    ),
    "archive.session_not_indexed": (
        QT_TRANSLATE_NOOP("Errors", "Session {record_id} is not in the index."),
        QT_TRANSLATE_NOOP("Errors", "Index the archive again."),
    ),
    "bundle.extended_header_too_large": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The bundle holds an extended tar header of {mb}; at most {MAX_EXTENDED_HEADER} kB are accepted.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.file_and_folder": (
        QT_TRANSLATE_NOOP("Errors", "{path} holds {name!r} both as a file and as a folder."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.file_mismatch": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{name}: {path} does not match its manifest entry (SHA-256 {digest}…, expected {sha256}…).",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "The bundle was changed or damaged after it was built; ask for it again."
        ),
    ),
    "bundle.file_missing": (
        QT_TRANSLATE_NOOP("Errors", "{name}: {path} is listed in the manifest but missing."),
        "",
    ),
    "bundle.files_too_large": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} unpacks to more than {mb}: its files up to {name!r} alone take {declared:,} bytes.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Do not open it; if it is genuine, ask the sender for a smaller bundle (lower log caps).",
        ),
    ),
    "bundle.header_chain": (
        QT_TRANSLATE_NOOP(
            "Errors", "{path} holds a chain of hundreds of extended tar headers, which no bundle has."
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.header_too_large": (
        QT_TRANSLATE_NOOP("Errors", "{_name} holds a tar header that asks to read {size} at once."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.incomplete": (
        QT_TRANSLATE_NOOP("Errors", "{path} is not a complete bundle ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "It was probably cut short in transfer; ask for it again."),
    ),
    "bundle.manifest_too_large": (
        QT_TRANSLATE_NOOP(
            "Errors", "The manifest of {path} is {size:,} bytes; a Valuezone manifest is far smaller."
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.manifest_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The manifest of {path} cannot be read ({exc})."),
        "",
    ),
    "bundle.name_too_long": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} holds a file name of {count:,} bytes with a part of {longest:,} bytes ({shown!r}); at most {max_name:,} bytes in all and {max_part} per folder or file name are accepted, as on common file systems.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.name_twice": (
        QT_TRANSLATE_NOOP(
            "Errors", "{path} holds {name!r} twice; a reader would see one copy and a check the other."
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.no_manifest": (
        QT_TRANSLATE_NOOP("Errors", "{path} has no manifest.json."),
        QT_TRANSLATE_NOOP("Errors", "Ask the sender to build it again."),
    ),
    "bundle.not_manifest": (
        QT_TRANSLATE_NOOP("Errors", "manifest.json is not a Valuezone bundle manifest."),
        QT_TRANSLATE_NOOP("Errors", "Ask the sender to build the bundle again."),
    ),
    "bundle.not_regular_member": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The bundle holds {name!r}, which is not a regular file (a link, device or sparse file).",
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.path_escapes": (
        QT_TRANSLATE_NOOP("Errors", "The file name {member!r} points outside {folder}."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.too_many_files": (
        QT_TRANSLATE_NOOP("Errors", "{path} holds more than {max_members:,} files."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; a support bundle holds far fewer."),
    ),
    "bundle.too_new": (
        QT_TRANSLATE_NOOP(
            "Errors", "The bundle uses manifest version {version}, newer than this Valuezone reads."
        ),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone to open it."),
    ),
    "bundle.unlisted_files": (
        QT_TRANSLATE_NOOP("Errors", "{name} holds files its manifest does not list: {files}."),
        "",
    ),
    "bundle.unpacks_too_large": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{_name} unpacks to more than {mb} (it reached {mb_2}): it is either far larger than a support bundle or built to exhaust the receiver.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Do not open it; if it is genuine, ask the sender for a smaller bundle (lower log caps).",
        ),
    ),
    "bundle.unreadable": (
        QT_TRANSLATE_NOOP("Errors", "{path} is not a readable bundle ({exc})."),
        "",
    ),
    "bundle.unreadable_end": (
        QT_TRANSLATE_NOOP("Errors", "{_name} cannot be read from its end."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "bundle.unsafe_name": (
        QT_TRANSLATE_NOOP("Errors", "The bundle holds a file with an unsafe name ({name!r})."),
        QT_TRANSLATE_NOOP("Errors", "Do not open it; ask the sender to build it again with Valuezone."),
    ),
    "chat.closed": (
        QT_TRANSLATE_NOOP("Errors", "The chat is closed: the session has ended."),
        QT_TRANSLATE_NOOP("Errors", "Join again to keep chatting."),
    ),
    "chat.no_technician": (
        QT_TRANSLATE_NOOP("Errors", "No technician is connected to chat with yet."),
        "",
    ),
    "chat.not_open": (
        QT_TRANSLATE_NOOP("Errors", "The chat is not open yet."),
        QT_TRANSLATE_NOOP("Errors", "Wait until the customer's side is connected."),
    ),
    "chat.not_open_for_question": (
        QT_TRANSLATE_NOOP("Errors", "The chat with the customer is not open."),
        QT_TRANSLATE_NOOP("Errors", "Questions go through the agent: this works in sessions joined by code."),
    ),
    "chat.open_failed": (
        QT_TRANSLATE_NOOP("Errors", "The chat could not be opened ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "The session may have ended; join again."),
    ),
    "chat.send_failed": (
        QT_TRANSLATE_NOOP("Errors", "The chat message could not be sent: the session has ended."),
        "",
    ),
    "cluster.foreign_host_key": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "This relay's host key ({fingerprint}) is not the deployment's ({deployment}): relays sharing one database must present one host key.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Start every relay with the same --host-key FILE (see docs/relay-cluster.md)."
        ),
    ),
    "cluster.host_key_invalid": (
        QT_TRANSLATE_NOOP("Errors", "The host key {path} is not an unencrypted OpenSSH private key ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Make one with `ssh-keygen -t ed25519 -N '' -f FILE`."),
    ),
    "cluster.host_key_readable": (
        QT_TRANSLATE_NOOP("Errors", "The host key {path} can be read by other users of this machine."),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `chmod 600 {path}`: whoever reads it can pose as a relay of this deployment."
        ),
    ),
    "cluster.host_key_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The host key {path} cannot be read ({strerror})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Make it once with `ssh-keygen -t ed25519 -N '' -f FILE` and copy it to every relay."
        ),
    ),
    "code.not_a_code": (
        QT_TRANSLATE_NOOP("Errors", "'{text}' is not a session code."),
        QT_TRANSLATE_NOOP(
            "Errors", "A session code is nine digits, like 482 913 557; ask the customer to read it again."
        ),
    ),
    "code.typo": (
        QT_TRANSLATE_NOOP("Errors", "This code has a typo: its last digit does not match the others."),
        QT_TRANSLATE_NOOP("Errors", "Ask the customer to read the code again, digit by digit."),
    ),
    "config.invalid_toml": (
        QT_TRANSLATE_NOOP("Errors", "The settings file {path} is not valid TOML ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Fix the line it names, or move the file away to start from the defaults."
        ),
    ),
    "config.refused_key": (
        QT_TRANSLATE_NOOP("Errors", "Refusing to write '{where}{key}' to the settings file."),
        QT_TRANSLATE_NOOP(
            "Errors", "Secrets belong in the OS keyring (sessions.secrets), never in settings.toml."
        ),
    ),
    "connect.closed_at_login": (
        QT_TRANSLATE_NOOP("Errors", "{where} closed the connection while {phrase} ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The SSH server ended the login (too many keys offered, or a limit on its side); check its log on the device, then try again.",
        ),
    ),
    "connect.closed_at_stage": (
        QT_TRANSLATE_NOOP("Errors", "{where} closed the connection while {phrase} ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Try again; if it keeps happening, check the SSH server's log on the device."
        ),
    ),
    "connect.closed_silently": (
        QT_TRANSLATE_NOOP(
            "Errors", "{place} accepted the connection and closed it without a word (no SSH greeting)."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The SSH server may refuse this computer's address (TCP wrappers, fail2ban, a firewall rule) or be too busy (MaxStartups), or the port belongs to a service that is not SSH. Check the port and the SSH server's log on the device.",
        ),
    ),
    "connect.failed_at_stage": (
        QT_TRANSLATE_NOOP("Errors", "Connecting to {where} failed while {phrase}: {exc}."),
        "",
    ),
    "connect.failed_other": (
        QT_TRANSLATE_NOOP("Errors", "Connecting to {where} failed: {exc}."),
        QT_TRANSLATE_NOOP("Errors", "Check the address and the network."),
    ),
    "connect.jump_unreachable": (
        QT_TRANSLATE_NOOP("Errors", "The relay or jump host could not reach {place}: {reason}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the session code or address, and that the device is still connected."
        ),
    ),
    "connect.key_missing": (
        QT_TRANSLATE_NOOP("Errors", "The key file {key_file} for {display} does not exist."),
        QT_TRANSLATE_NOOP(
            "Errors", "Choose an existing private key file (the one without .pub), or leave it empty."
        ),
    ),
    "connect.key_unusable": (
        QT_TRANSLATE_NOOP("Errors", "The key file {key_file} cannot be used ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Choose an OpenSSH, PEM or PKCS#8 private key file that you can read."),
    ),
    "connect.login_refused": (
        QT_TRANSLATE_NOOP("Errors", "{where} refused to let user '{user}' log in (tried: {tried})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the user name and the password, or that the key is in the device's ~/.ssh/authorized_keys for that user.",
        ),
    ),
    "connect.name_unknown": (
        QT_TRANSLATE_NOOP("Errors", "The name '{host}' could not be resolved ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the spelling of the host name, or use its IP address; check this computer's DNS."
        ),
    ),
    "connect.no_common_cipher": (
        QT_TRANSLATE_NOOP("Errors", "{where} and Valuezone share no encryption method ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "The device's SSH server is probably very old; update it or enable modern algorithms."
        ),
    ),
    "connect.not_a_greeting": (
        QT_TRANSLATE_NOOP("Errors", "{where} answered{quoted}, which is not an SSH greeting."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Is the port right? SSH is usually 22; a device's web page (80, 443, 5000, 8080) is not its SSH port.",
        ),
    ),
    "connect.not_ssh_unnamed": (
        QT_TRANSLATE_NOOP("Errors", "not SSH"),
        "",
    ),
    "connect.other_service": (
        QT_TRANSLATE_NOOP("Errors", "{where} {service}{quoted}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Is the port right? SSH is usually 22; a device's web page (80, 443, 5000, 8080) is not its SSH port.",
        ),
    ),
    "connect.passwords_refused": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "Permission denied ({tries} tries): {place} refused the password of user '{user}' {tries} times.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the user name and the password with the customer (Caps Lock, keyboard layout); the account may also be locked after failed logins. Connect again to try again.",
        ),
    ),
    "connect.refused": (
        QT_TRANSLATE_NOOP("Errors", "{where} refused the connection: nothing is listening on port {port}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the port number and that the SSH service is running on the device."
        ),
    ),
    "connect.ssh1_only": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{where} speaks only the old SSH protocol 1{quoted}, which is not safe; Valuezone speaks SSH 2.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Enable SSH protocol 2 on the device, or update its SSH server."),
    ),
    "connect.timeout": (
        QT_TRANSLATE_NOOP("Errors", "{where} did not answer the connection request within {seconds} s."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check that the address is right and that the device is on and reachable from here; a firewall that drops packets looks like this.",
        ),
    ),
    "connect.timeout_greeting": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{where} accepted the connection but said nothing within {seconds} s: an SSH server greets at once.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Is the port right? SSH is usually 22; a device's web page (80, 443, 5000, 8080) is not its SSH port. If it is, the SSH server on the device is hung or overloaded: restart it.",
        ),
    ),
    "connect.timeout_greeting_said": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{where} accepted the connection but said nothing within {seconds} s: an SSH server greets at once. It said “{sample}”.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Is the port right? SSH is usually 22; a device's web page (80, 443, 5000, 8080) is not its SSH port. If it is, the SSH server on the device is hung or overloaded: restart it.",
        ),
    ),
    "connect.timeout_stage": (
        QT_TRANSLATE_NOOP(
            "Errors", "{where}{server} stopped answering while {phrase}; gave up after {seconds} s."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "The device or the link may be overloaded; try again, and check the SSH server's log."
        ),
    ),
    "connect.unreachable": (
        QT_TRANSLATE_NOOP("Errors", "{where} cannot be reached: {exc}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the address, this computer's network connection and any VPN the device needs."
        ),
    ),
    "consent.bundle_declined": (
        QT_TRANSLATE_NOOP("Errors", "{who} did not agree to send the bundle to {destination}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Nothing was sent. Explain what the bundle holds and ask again, or close the escalation.",
        ),
    ),
    "consent.files_differ": (
        QT_TRANSLATE_NOOP(
            "Errors", "The consent recorded is for a different set of files than the bundle holds."
        ),
        QT_TRANSLATE_NOOP("Errors", "Show the customer the current preview and ask again."),
    ),
    "consent.nobody_named": (
        QT_TRANSLATE_NOOP("Errors", "Nobody was named as having agreed."),
        QT_TRANSLATE_NOOP("Errors", "Type the name of the person who agreed by phone."),
    ),
    "delivery.bundle_changed": (
        QT_TRANSLATE_NOOP("Errors", "The bundle file {path} is missing or was changed since it was queued."),
        QT_TRANSLATE_NOOP("Errors", "Build the bundle again and send the new one."),
    ),
    "delivery.gave_up": (
        QT_TRANSLATE_NOOP("Errors", "{exc} It was tried {attempts} times."),
        QT_TRANSLATE_NOOP("Errors", "Check the destination, then Retry."),
    ),
    "delivery.interrupted": (
        QT_TRANSLATE_NOOP("Errors", "The upload to {where} was interrupted ({kind}: {exc})."),
        QT_TRANSLATE_NOOP("Errors", "It is retried later."),
    ),
    "delivery.no_token": (
        QT_TRANSLATE_NOOP("Errors", "No token for {origin} is stored."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Ask HQ for a token and store it with `valuezone escalate token URL`, then choose Retry.",
        ),
    ),
    "delivery.refused_for_good": (
        QT_TRANSLATE_NOOP("Errors", "{where} refused this bundle for good (HTTP {status}): {said}"),
        QT_TRANSLATE_NOOP(
            "Errors", "Sending it again cannot help: build a new bundle with Valuezone and send that one."
        ),
    ),
    "delivery.unexpected": (
        QT_TRANSLATE_NOOP("Errors", "Delivery failed unexpectedly ({kind})."),
        "",
    ),
    "delivery.untrusted_certificate": (
        QT_TRANSLATE_NOOP(
            "Errors", "{where} presented a certificate this computer does not trust ({verify_message})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the address, or configure HQ's CA certificate for this destination."
        ),
    ),
    "delivery.wrong_bundle_confirmed": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{where} confirmed bundle {bundle_id} with SHA-256 {sha256}…, but this bundle is {bundle_id_2} with SHA-256 {sha256_2}….",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "HQ holds a different file under this id; ask HQ to check their inbox before retrying."
        ),
    ),
    "devices.bad_folder": (
        QT_TRANSLATE_NOOP("Errors", "The folder name {text!r} holds a control character."),
        QT_TRANSLATE_NOOP("Errors", "Type the folder name again without it."),
    ),
    "devices.bad_host": (
        QT_TRANSLATE_NOOP("Errors", "'{host}' is not a host name or address."),
        QT_TRANSLATE_NOOP("Errors", "Type a name like nas.local or 192.0.2.10."),
    ),
    "devices.bad_port": (
        QT_TRANSLATE_NOOP("Errors", "Port {port} is not valid."),
        QT_TRANSLATE_NOOP("Errors", "Use a port from 1 to 65535 (SSH: 22)."),
    ),
    "devices.book_too_new": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The device book was written by a newer Valuezone (schema {version}, this one knows {supported}).",
        ),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone, or use the newer version on this computer."),
    ),
    "devices.book_unusable": (
        QT_TRANSLATE_NOOP("Errors", "The device book {path} cannot be used ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Close other Valuezone windows and check the disk; if the file is damaged, move it away.",
        ),
    ),
    "devices.folder_missing": (
        QT_TRANSLATE_NOOP("Errors", "A folder needs a name."),
        QT_TRANSLATE_NOOP("Errors", "Type a name, e.g. Acme or Acme/Building 2."),
    ),
    "devices.name_missing": (
        QT_TRANSLATE_NOOP("Errors", "A device needs a name."),
        QT_TRANSLATE_NOOP("Errors", "Type a name the team will recognise, e.g. Acme NAS."),
    ),
    "devices.name_taken": (
        QT_TRANSLATE_NOOP("Errors", "A device named '{name}' is already in the book."),
        QT_TRANSLATE_NOOP("Errors", "Choose another name, or edit that device."),
    ),
    "devices.unknown_id": (
        QT_TRANSLATE_NOOP("Errors", "There is no device with id {device_id}."),
        QT_TRANSLATE_NOOP("Errors", "It may have been removed."),
    ),
    "diagnostics.bad_check_id": (
        QT_TRANSLATE_NOOP("Errors", "The {where} needs an id of lowercase letters, digits and dashes."),
        "",
    ),
    "diagnostics.bad_item_pattern": (
        QT_TRANSLATE_NOOP("Errors", "The {where} has an invalid item pattern: {exc}."),
        "",
    ),
    "diagnostics.item_mismatch": (
        QT_TRANSLATE_NOOP(
            "Errors", "The {where} must use {placeholder} in its commands exactly when it has for_each."
        ),
        "",
    ),
    "diagnostics.log_profile_invalid_toml": (
        QT_TRANSLATE_NOOP("Errors", "The diagnostics profile '{name}' is not valid TOML: {exc}."),
        "",
    ),
    "diagnostics.log_profile_loop": (
        QT_TRANSLATE_NOOP("Errors", "The diagnostics profile '{name}' extends itself."),
        "",
    ),
    "diagnostics.no_commands": (
        QT_TRANSLATE_NOOP("Errors", "The {where} has no commands."),
        "",
    ),
    "diagnostics.not_connected": (
        QT_TRANSLATE_NOOP("Errors", "This session is not connected."),
        QT_TRANSLATE_NOOP("Errors", "Connect first, then run diagnostics."),
    ),
    "diagnostics.profile_invalid_toml": (
        QT_TRANSLATE_NOOP("Errors", "The diagnostics profile '{name}' is not valid TOML: {exc}."),
        "",
    ),
    "diagnostics.profile_loop": (
        QT_TRANSLATE_NOOP("Errors", "The diagnostics profile '{name}' extends itself ({chain})."),
        "",
    ),
    "diagnostics.raw_bad_check_id": (
        QT_TRANSLATE_NOOP("Errors", "Refusing to write raw output for the odd check id {check!r}."),
        "",
    ),
    "diagnostics.raw_cut_output": (
        QT_TRANSLATE_NOOP("Errors", "{name} is cut short (a command's output is incomplete)."),
        "",
    ),
    "diagnostics.raw_cut_record": (
        QT_TRANSLATE_NOOP("Errors", "{name} ends in the middle of a record."),
        "",
    ),
    "diagnostics.raw_damaged": (
        QT_TRANSLATE_NOOP("Errors", "{name} is damaged near byte {pos}."),
        "",
    ),
    "diagnostics.raw_expected_key": (
        QT_TRANSLATE_NOOP("Errors", "{name}: expected '{key}:' near byte {pos}, found {found!r}."),
        "",
    ),
    "diagnostics.raw_no_files": (
        QT_TRANSLATE_NOOP("Errors", "There are no <check>.out files in {folder}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Point --offline at the diagnostics/raw folder of a bundle or of an earlier run."
        ),
    ),
    "diagnostics.raw_not_folder": (
        QT_TRANSLATE_NOOP("Errors", "{folder} is not a folder of diagnostics raw outputs."),
        "",
    ),
    "diagnostics.raw_not_output": (
        QT_TRANSLATE_NOOP("Errors", "{name} is not a Valuezone diagnostics raw output file."),
        "",
    ),
    "diagnostics.unknown_check": (
        QT_TRANSLATE_NOOP("Errors", "The profile '{name}' has no check '{check_id}'."),
        QT_TRANSLATE_NOOP("Errors", "Its checks are: {checks}."),
    ),
    "diagnostics.unknown_item_list": (
        QT_TRANSLATE_NOOP("Errors", "The {where} names an unknown item list '{items}'."),
        "",
    ),
    "diagnostics.unknown_log_profile": (
        QT_TRANSLATE_NOOP("Errors", "There is no diagnostics profile called '{name}'."),
        QT_TRANSLATE_NOOP("Errors", "Use one of: {profiles}."),
    ),
    "diagnostics.unknown_parser": (
        QT_TRANSLATE_NOOP("Errors", "The {where} names an unknown parser '{parser}'."),
        QT_TRANSLATE_NOOP("Errors", "Known: {parsers}."),
    ),
    "diagnostics.unknown_profile": (
        QT_TRANSLATE_NOOP("Errors", "There is no diagnostics profile called '{name}'."),
        QT_TRANSLATE_NOOP("Errors", "Use one of: auto, {profiles}."),
    ),
    "escalation.bad_destination": (
        QT_TRANSLATE_NOOP("Errors", "'{url}' is not an HQ destination Valuezone can deliver to."),
        QT_TRANSLATE_NOOP(
            "Errors", "Write it as sftp://user@host[:port]/folder or https://host[:port]/bundles."
        ),
    ),
    "escalation.bad_port": (
        QT_TRANSLATE_NOOP("Errors", "'{url}' has an invalid port."),
        QT_TRANSLATE_NOOP(
            "Errors", "Write it as sftp://user@host[:port]/folder or https://host[:port]/bundles."
        ),
    ),
    "escalation.build_cancelled": (
        QT_TRANSLATE_NOOP("Errors", "Building the bundle was cancelled."),
        QT_TRANSLATE_NOOP("Errors", "Nothing was sent."),
    ),
    "escalation.destination_no_name": (
        QT_TRANSLATE_NOOP("Errors", "An HQ destination needs a name."),
        QT_TRANSLATE_NOOP("Errors", "Give it a name the technicians know."),
    ),
    "escalation.no_consent": (
        QT_TRANSLATE_NOOP("Errors", "A bundle is only packed with the customer's consent."),
        QT_TRANSLATE_NOOP("Errors", "Ask for it first."),
    ),
    "escalation.no_preview": (
        QT_TRANSLATE_NOOP("Errors", "There is no preview to ask about yet."),
        QT_TRANSLATE_NOOP("Errors", "Build the preview first."),
    ),
    "escalation.no_secret": (
        QT_TRANSLATE_NOOP("Errors", "No secret was given."),
        QT_TRANSLATE_NOOP("Errors", "Paste the token or type the password HQ gave you."),
    ),
    "escalation.not_ready": (
        QT_TRANSLATE_NOOP("Errors", "The bundle is not ready to send."),
        QT_TRANSLATE_NOOP("Errors", "Build the preview and get consent first."),
    ),
    "escalation.outbox_too_new": (
        QT_TRANSLATE_NOOP("Errors", "The outbox {path} was written by a newer Valuezone (schema {version})."),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone; the queued bundles are left as they are."),
    ),
    "escalation.outbox_unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The outbox {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the disk and the file's permissions; queued bundles are kept in it."
        ),
    ),
    "escalation.password_in_address": (
        QT_TRANSLATE_NOOP("Errors", "The destination address contains a password."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Remove it from the address; store it with `valuezone escalate outbox` prompts or the keyring.",
        ),
    ),
    "escalation.sending_now": (
        QT_TRANSLATE_NOOP("Errors", "This bundle is being sent right now."),
        QT_TRANSLATE_NOOP("Errors", "Wait until the attempt ends, then remove it."),
    ),
    "escalation.sftp_no_user": (
        QT_TRANSLATE_NOOP("Errors", "The SFTP destination '{url}' names no user."),
        QT_TRANSLATE_NOOP(
            "Errors", "Write it as sftp://user@host[:port]/folder or https://host[:port]/bundles."
        ),
    ),
    "escalation.sftp_refused": (
        QT_TRANSLATE_NOOP("Errors", "The device refused an SFTP session ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Enable SFTP on the device (on a NAS: the SFTP service in the file services settings)."
        ),
    ),
    "escalation.too_many_files": (
        QT_TRANSLATE_NOOP("Errors", "Too many device files are named like {remote!r}."),
        "",
    ),
    "files.connection_failed": (
        QT_TRANSLATE_NOOP("Errors", "Could not {what} {path}: the connection failed ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "Check that the session is still connected, then try again."),
    ),
    "files.device_error": (
        QT_TRANSLATE_NOOP("Errors", "Could not {what} {path}: the device said {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Refresh the folder and try again."),
    ),
    "files.folder_not_empty": (
        QT_TRANSLATE_NOOP("Errors", "Could not delete the folder {path}: the device said {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Only an empty folder can be deleted here: delete what is in it first."),
    ),
    "files.local_read_failed": (
        QT_TRANSLATE_NOOP("Errors", "Could not read {path}: {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Check the file and try again."),
    ),
    "files.local_write_failed": (
        QT_TRANSLATE_NOOP("Errors", "Could not write {path}: {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Check the folder (free space, permissions), or choose another one."),
    ),
    "files.name_taken": (
        QT_TRANSLATE_NOOP("Errors", "{path} already exists."),
        QT_TRANSLATE_NOOP("Errors", "Choose another name."),
    ),
    "files.no_part_file": (
        QT_TRANSLATE_NOOP("Errors", "Could not create a file in {parent}."),
        QT_TRANSLATE_NOOP("Errors", "Choose another folder."),
    ),
    "files.no_such_file": (
        QT_TRANSLATE_NOOP("Errors", "Could not {what} {path}: it is not there (any more)."),
        QT_TRANSLATE_NOOP("Errors", "Refresh the folder and try again."),
    ),
    "files.not_a_file": (
        QT_TRANSLATE_NOOP("Errors", "{path} is not a file or folder ({mode})."),
        QT_TRANSLATE_NOOP("Errors", "Only files and folders can be copied."),
    ),
    "files.not_a_folder": (
        QT_TRANSLATE_NOOP("Errors", "{path} is not a folder."),
        "",
    ),
    "files.not_local_file": (
        QT_TRANSLATE_NOOP("Errors", "{path} is not a file or folder here."),
        QT_TRANSLATE_NOOP("Errors", "Choose files or folders to upload."),
    ),
    "files.permission_denied": (
        QT_TRANSLATE_NOOP("Errors", "The device refused to {what} {path}: permission denied."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The account you logged in with may not do this; ask the customer, or use another account.",
        ),
    ),
    "files.read_only": (
        QT_TRANSLATE_NOOP("Errors", "The device refused to {what} {path}: {reason}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The customer allowed diagnostics only: files can be read, not changed. Ask them to start a session with the full scope if you need to change files.",
        ),
    ),
    "files.sftp_refused": (
        QT_TRANSLATE_NOOP("Errors", "The device refused an SFTP session ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Enable SFTP on the device (on a NAS: the SFTP service in the file services settings)."
        ),
    ),
    "files.too_many_copies": (
        QT_TRANSLATE_NOOP("Errors", "Too many files named like {name} in {folder}."),
        QT_TRANSLATE_NOOP("Errors", "Choose another folder."),
    ),
    "files.unsafe_name": (
        QT_TRANSLATE_NOOP(
            "Errors", "The name {name!r} would be written outside {folder}; it was not copied."
        ),
        QT_TRANSLATE_NOOP("Errors", "Report this device's file name to your administrator."),
    ),
    "hostkey.changed": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The host key of {name} has CHANGED: it is now {kind} {fp}, but {location} holds {fingerprint}. Someone may be intercepting this connection (a man-in-the-middle attack), or the device was reinstalled or replaced. The connection was refused.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Verify the new fingerprint with the customer by another channel; if it is right, remove the old line from {location} (e.g. `ssh-keygen -R '{name}' -f {file}`) and connect again.",
        ),
    ),
    "hostkey.declined": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "You did not accept the host key of {host_display} ({key_type} {fingerprint}); the connection was closed.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Compare the fingerprint with the one the customer reads from the device, then connect again.",
        ),
    ),
    "hostkey.relay_changed": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The relay at {host_port} shows a different host key than before ({fingerprint}). Someone may be intercepting the connection, or the relay was reinstalled. Nothing was sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Ask the relay's administrator for the relay's fingerprint (`valuezone relay` prints it when it starts); if it is this one, remove the old line from {where} and join again.",
        ),
    ),
    "hostkey.revoked": (
        QT_TRANSLATE_NOOP(
            "Errors", "The host key of {host} ({kind} {fingerprint}) is marked as revoked in known_hosts."
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not connect; ask the device's administrator for a new host key."),
    ),
    "hostkey.unknown_not_asked": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The authenticity of host '{host_display}' can't be established: its {key_type} key fingerprint is {fingerprint} and nobody confirmed it.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the fingerprint with the customer, then re-run with --accept-new (command line) or confirm it in the console.",
        ),
    ),
    "hostkey.unverified": (
        QT_TRANSLATE_NOOP("Errors", "The host key of {host} could not be verified."),
        "",
    ),
    "listen.cannot_listen": (
        QT_TRANSLATE_NOOP("Errors", "Cannot listen on {host}:{port} ({exc}):"),
        QT_TRANSLATE_NOOP("Errors", "check {option}."),
    ),
    "listen.in_use": (
        QT_TRANSLATE_NOOP("Errors", "{where} is in use ({who}):"),
        QT_TRANSLATE_NOOP("Errors", "stop it or choose another {option} port."),
    ),
    "listen.name_unknown": (
        QT_TRANSLATE_NOOP("Errors", "The address {host!r} to listen on cannot be resolved ({exc}):"),
        QT_TRANSLATE_NOOP("Errors", "give an address of this machine, or 0.0.0.0 for all, in {option}."),
    ),
    "listen.not_this_machine": (
        QT_TRANSLATE_NOOP("Errors", "{host} is not an address of this machine:"),
        QT_TRANSLATE_NOOP("Errors", "give one of its addresses, or 0.0.0.0 for all, in {option}."),
    ),
    "listen.privileged_port": (
        QT_TRANSLATE_NOOP(
            "Errors", "{where} may not be used by this user (ports below 1024 need privileges):"
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "choose a port above 1023 in {option}, or give this program the right to bind it."
        ),
    ),
    "push_outbox.too_new": (
        QT_TRANSLATE_NOOP("Errors", "The push outbox {path} was written by a newer Valuezone."),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone."),
    ),
    "push_outbox.unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The push outbox {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Check the data folder's free space and permissions."),
    ),
    "question.cannot_answer": (
        QT_TRANSLATE_NOOP("Errors", "The customer's agent cannot answer this question ({detail})."),
        QT_TRANSLATE_NOOP("Errors", "Their agent may be an older version; ask by chat or phone instead."),
    ),
    "question.chat_closed": (
        QT_TRANSLATE_NOOP("Errors", "The customer's side closed the chat before answering."),
        QT_TRANSLATE_NOOP(
            "Errors", "The session may have ended; ask the customer by phone if you still need the answer."
        ),
    ),
    "question.dismissed": (
        QT_TRANSLATE_NOOP("Errors", "The customer closed the question without answering."),
        QT_TRANSLATE_NOOP("Errors", "You may ask by chat instead."),
    ),
    "question.timed_out": (
        QT_TRANSLATE_NOOP("Errors", "The customer did not answer within {minutes}."),
        QT_TRANSLATE_NOOP("Errors", "Ask them by chat or phone, or try again later."),
    ),
    "question.unreadable_answer": (
        QT_TRANSLATE_NOOP("Errors", "The customer's agent sent an answer that cannot be read ({exc})."),
        "",
    ),
    "record.append_failed": (
        QT_TRANSLATE_NOOP("Errors", "Cannot add to the record {folder} ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check that the folder is a Valuezone record and that `valuezone verify` accepts it."
        ),
    ),
    "record.cannot_open": (
        QT_TRANSLATE_NOOP("Errors", "{name} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Run `valuezone verify` on the record folder; keep this copy as evidence and compare a backup.",
        ),
    ),
    "record.cast_empty": (
        QT_TRANSLATE_NOOP("Errors", "terminal.cast is empty."),
        QT_TRANSLATE_NOOP("Errors", "Run `valuezone verify` on the folder."),
    ),
    "record.cast_header_invalid": (
        QT_TRANSLATE_NOOP("Errors", "The cast header is not a JSON object."),
        "",
    ),
    "record.cast_line_invalid": (
        QT_TRANSLATE_NOOP("Errors", "terminal.cast line {number} is not a [time, code, data] entry."),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `valuezone verify` on the record folder to see whether it was altered."
        ),
    ),
    "record.ended": (
        QT_TRANSLATE_NOOP(
            "Errors", "The session of {folder} has ended; a {type_} event cannot be added after its end."
        ),
        QT_TRANSLATE_NOOP("Errors", "After the end a record takes only {allowed}."),
    ),
    "record.events_line_invalid": (
        QT_TRANSLATE_NOOP("Errors", "events.jsonl line {number} is not a JSON object."),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `valuezone verify` on the record folder to see whether it was altered."
        ),
    ),
    "record.exists": (
        QT_TRANSLATE_NOOP("Errors", "A record for session {session_id} already exists at {folder}."),
        QT_TRANSLATE_NOOP("Errors", "Start the session with a new id; records are never overwritten."),
    ),
    "record.invalid_json": (
        QT_TRANSLATE_NOOP("Errors", "{name} line {number} is not valid JSON ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `valuezone verify` on the record folder to see whether it was altered."
        ),
    ),
    "record.line_too_long": (
        QT_TRANSLATE_NOOP(
            "Errors", "Line {number} of {name} is longer than {limit} MiB: no record line is that long."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Run `valuezone verify` on the record folder; keep this copy as evidence and compare a backup.",
        ),
    ),
    "record.meta_too_large": (
        QT_TRANSLATE_NOOP("Errors", "{name} is larger than {limit} MiB: it is not a session summary."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Run `valuezone verify` on the record folder; keep this copy as evidence and compare a backup.",
        ),
    ),
    "record.meta_write_failed": (
        QT_TRANSLATE_NOOP("Errors", "Updating session.json of {folder} failed ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check free space and permissions on the archive folder, then try again."
        ),
    ),
    "record.not_a_file": (
        QT_TRANSLATE_NOOP("Errors", "{path} is {kind} where a file should be."),
        QT_TRANSLATE_NOOP(
            "Errors", "A record folder holds plain files only; this one was altered or is not a record."
        ),
    ),
    "record.not_a_record": (
        QT_TRANSLATE_NOOP("Errors", "{folder} is not a Valuezone record: it has no {file}."),
        QT_TRANSLATE_NOOP("Errors", "Pass the folder of one session (ARCHIVE/YYYY/MM/DD/<session>)."),
    ),
    "record.symlink": (
        QT_TRANSLATE_NOOP("Errors", "{path} is a symbolic link (to {target}), not a file of the record."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "A record folder holds plain files only; links are never followed, so nothing outside the record is read. Replace the link with the file itself if this record is genuine.",
        ),
    ),
    "record.torn_line": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{folder} ends with an incomplete line (the recorder was stopped while writing it), so nothing can be appended after it.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `valuezone verify` on the folder; copy the record before repairing it by hand."
        ),
    ),
    "record.unreadable": (
        QT_TRANSLATE_NOOP("Errors", "{folder} cannot be read ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Run `valuezone verify` on the record folder."),
    ),
    "record.unreadable_line": (
        QT_TRANSLATE_NOOP(
            "Errors", "{folder} line {number} cannot be read ({problem}), so nothing can be appended."
        ),
        QT_TRANSLATE_NOOP("Errors", "Run `valuezone verify` on the folder."),
    ),
    "record.update_failed": (
        QT_TRANSLATE_NOOP("Errors", "Cannot update the record {folder} ({exc})."),
        "",
    ),
    "record.write_failed": (
        QT_TRANSLATE_NOOP("Errors", "Writing to the record {folder} failed ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check free space and permissions on the archive folder, then try again."
        ),
    ),
    "redaction.broken_rule": (
        QT_TRANSLATE_NOOP(
            "Errors", "The redaction rule '{rule_id}' has a broken pattern or trigger ({exc})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Fix the pattern in redaction.toml; nothing is redacted with a broken rule set."
        ),
    ),
    "redaction.rules_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The redaction rules cannot be read ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Each [[rule]] needs id, pattern and triggers; see the comments in redaction.toml."
        ),
    ),
    "redaction.unknown_fragment": (
        QT_TRANSLATE_NOOP(
            "Errors", "The redaction rule '{rule_id}' uses an unknown fragment {{{{{name}}}}}."
        ),
        QT_TRANSLATE_NOOP("Errors", "Define it under [fragments] in redaction.toml; known: {fragments}."),
    ),
    "redaction.unknown_optional": (
        QT_TRANSLATE_NOOP("Errors", "Unknown optional redaction rule(s): {unknown}."),
        QT_TRANSLATE_NOOP("Errors", "Optional rules are: {optional}."),
    ),
    "relay.host_key_differs": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The relay {host_port} presents a different host key than the relay this session started on: it is not part of the same support service, so nothing was sent to it.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Tell your support team; someone may be intercepting the connection."),
    ),
    "relay.inner_key_mismatch": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The customer's side showed a host key ({kind} {shown}) other than the one the relay named for this code ({named}). Someone between you and the customer may be posing as it. Nothing was sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Join again; if it happens again, tell the relay's administrator and the customer."
        ),
    ),
    "relay.key_not_listed": (
        QT_TRANSLATE_NOOP(
            "Errors", "The relay at {host_port} does not list this technician key ({fingerprint})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Send this public key line to the relay's administrator, who adds it to the relay's technicians file, then join again: {line}",
        ),
    ),
    "relay.link_refused": (
        QT_TRANSLATE_NOOP("Errors", "The relay {host_port} turned this connection away: {reason}."),
        "",
    ),
    "relay.lost_while_joining": (
        QT_TRANSLATE_NOOP("Errors", "The connection to the relay was lost while joining ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Check the network, then join again."),
    ),
    "relay.no_address": (
        QT_TRANSLATE_NOOP("Errors", "No relay address was given."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Write it as HOST:PORT, or several as HOST:PORT,HOST:PORT (the relays of one deployment).",
        ),
    ),
    "relay.no_code_issued": (
        QT_TRANSLATE_NOOP("Errors", "The relay {host_port} did not hand out a session code ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the relay address; if it is right, the relay may be overloaded: try again soon."
        ),
    ),
    "relay.none_answered": (
        QT_TRANSLATE_NOOP("Errors", "None of the relays answered: {tried}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the network; if it works, the relays may be down: tell their administrator."
        ),
    ),
    "relay.refused": (
        QT_TRANSLATE_NOOP("Errors", "The relay refused the connection: {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Try again, or ask for a new code."),
    ),
    "relay.technician_leg_refused": (
        QT_TRANSLATE_NOOP("Errors", "The relay did not take this session's data connection: {detail}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Join again. If it happens again, something between you and the relay is interfering (it may have used your one-time token first): tell the relay's administrator.",
        ),
    ),
    "relay.technicians_bad_line": (
        QT_TRANSLATE_NOOP(
            "Errors", "Line {number} of the technicians file {path} is not a public key ({exc})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Each line is `ssh-ed25519 AAAA… Name <email>`, as `valuezone` shows it."
        ),
    ),
    "relay.technicians_bad_options": (
        QT_TRANSLATE_NOOP("Errors", "Line {number} of the technicians file {path} has bad options: {exc}."),
        QT_TRANSLATE_NOOP(
            "Errors", 'Options go before the key: role="lead",team="seoul,busan" ssh-ed25519 AAAA… Name.'
        ),
    ),
    "relay.technicians_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The technicians file {path} cannot be read ({strerror})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Create it in OpenSSH authorized_keys format: one technician's public key per line."
        ),
    ),
    "relay.unannounced": (
        QT_TRANSLATE_NOOP("Errors", "The relay did not say who is connecting"),
        "",
    ),
    "secrets.store_refused": (
        QT_TRANSLATE_NOOP("Errors", "The system keyring refused to store the {kind} for {name} ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Unlock the keyring and try again; nothing was written to disk."),
    ),
    "session.no_record": (
        QT_TRANSLATE_NOOP("Errors", "This session has no record to write the outcome to."),
        "",
    ),
    "session.no_shell": (
        QT_TRANSLATE_NOOP("Errors", "The device did not open a shell ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "The account may have no login shell, or the server limits sessions; try again."
        ),
    ),
    "ssh_agent.not_running": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "No ssh-agent is running for this session ($SSH_AUTH_SOCK is not set or does not answer).",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Start one (`eval $(ssh-agent)`) or log in to a desktop that runs one, then try again."
        ),
    ),
    "ssh_agent.refused_key": (
        QT_TRANSLATE_NOOP("Errors", "The ssh-agent refused the key ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Check that the agent is not locked (`ssh-add -X`)."),
    ),
    "target.bad_port": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' has an invalid port '{text}'."),
        QT_TRANSLATE_NOOP(
            "Errors", "Write the address as [user@]host[:port], with a port between 1 and 65535."
        ),
    ),
    "target.invalid": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' is not a valid address."),
        QT_TRANSLATE_NOOP("Errors", "Write it as [user@]host[:port], e.g. admin@nas.local:2222."),
    ),
    "target.invalid_2": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' is not a valid address."),
        QT_TRANSLATE_NOOP("Errors", "Write an IPv6 address with a port as [::1]:2222."),
    ),
    "team.bytes_before_answer": (
        QT_TRANSLATE_NOOP("Errors", "The team server sent file bytes where an answer was due."),
        "",
    ),
    "team.bytes_without_request": (
        QT_TRANSLATE_NOOP("Errors", "File bytes arrived without a request."),
        "",
    ),
    "team.campaign_unknown": (
        QT_TRANSLATE_NOOP("Errors", "Campaign {campaign} does not exist or is not yours to see."),
        "",
    ),
    "team.channel_closed": (
        QT_TRANSLATE_NOOP("Errors", "The team server on {server} closed the channel."),
        QT_TRANSLATE_NOOP("Errors", "Try again in a moment."),
    ),
    "team.file_damaged": (
        QT_TRANSLATE_NOOP("Errors", "{name} arrived damaged from the team server."),
        QT_TRANSLATE_NOOP("Errors", "Try again."),
    ),
    "team.file_incomplete": (
        QT_TRANSLATE_NOOP("Errors", "{name} did not arrive whole from the team server."),
        "",
    ),
    "team.file_over_limit": (
        QT_TRANSLATE_NOOP("Errors", "The team server sent a {size}-byte {name}: over the limit."),
        "",
    ),
    "team.finding_unknown": (
        QT_TRANSLATE_NOOP("Errors", "No session you may see has the finding {label!r}."),
        QT_TRANSLATE_NOOP("Errors", "Check the label."),
    ),
    "team.forbidden_role": (
        QT_TRANSLATE_NOOP("Errors", "Only {names} may {what}; you are {role}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Ask the relay's administrator to change your role in the technicians file."
        ),
    ),
    "team.key_removed": (
        QT_TRANSLATE_NOOP("Errors", "Your key is no longer in the relay's technicians file."),
        QT_TRANSLATE_NOOP("Errors", "Ask the relay's administrator to add your public key again."),
    ),
    "team.pushed_by_another": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "Session {session_id} is on the server already, pushed by someone else. It stays in your outbox; nothing was stored.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Session ids are unique: this copy came from another technician's archive; leave it to them.",
        ),
    ),
    "team.record_purged": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "Session {session_id} was purged from the team server on {purged_on} (its team's retention ran out); it is not taken again.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing to do: keep or delete your own copy as your organisation's rules say."
        ),
    ),
    "team.record_too_big": (
        QT_TRANSLATE_NOOP("Errors", "The record is {total} bytes; this server takes at most {max_record}."),
        QT_TRANSLATE_NOOP("Errors", "Ask the relay's administrator to raise --team-max-record-mb."),
    ),
    "team.server_failed": (
        QT_TRANSLATE_NOOP("Errors", "The team server failed on this request."),
        QT_TRANSLATE_NOOP("Errors", "Try again; the relay's log has details."),
    ),
    "team.session_id_unsafe": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The team server named the session {session_id!r}: not a folder name, so it is not opened.",
        ),
        QT_TRANSLATE_NOOP("Errors", "Tell the team server's administrator."),
    ),
    "team.session_json_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "session.json cannot be read, so the record cannot be pushed."),
        QT_TRANSLATE_NOOP("Errors", "Run `valuezone verify`."),
    ),
    "team.session_not_pushed": (
        QT_TRANSLATE_NOOP("Errors", "Session {session_id} is not on the server yet."),
        QT_TRANSLATE_NOOP("Errors", "Push it again with its terminal.cast."),
    ),
    "team.session_not_visible": (
        QT_TRANSLATE_NOOP("Errors", "Session {session_id} is not on the team server, or you may not see it."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the session id; a lead sees their teams' sessions, hq escalated ones."
        ),
    ),
    "team.session_unknown": (
        QT_TRANSLATE_NOOP("Errors", "Session {session_id} is not on the team server."),
        "",
    ),
    "team.unreachable": (
        QT_TRANSLATE_NOOP("Errors", "The team server on {server} does not answer ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the relay address in Settings; the relay must be this version or newer."
        ),
    ),
    "team.upload_damaged": (
        QT_TRANSLATE_NOOP("Errors", "{name} arrived damaged (SHA-256 mismatch)."),
        QT_TRANSLATE_NOOP("Errors", "Push again."),
    ),
    "team.upload_incomplete": (
        QT_TRANSLATE_NOOP("Errors", "The bytes of {name} did not arrive as declared."),
        "",
    ),
    "team.version_mismatch": (
        QT_TRANSLATE_NOOP(
            "Errors", "This relay speaks team protocol {VERSION}; the console speaks {version}."
        ),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone on the older side."),
    ),
    "team_db.closed": (
        QT_TRANSLATE_NOOP("Errors", "The team database is closed."),
        QT_TRANSLATE_NOOP("Errors", "The relay is stopping."),
    ),
    "team_db.psycopg_missing": (
        QT_TRANSLATE_NOOP("Errors", "PostgreSQL support needs the psycopg package."),
        QT_TRANSLATE_NOOP("Errors", "pip install 'psycopg[binary]'"),
    ),
    "team_db.schema_too_new": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The team database {database} has schema version {version}; this Valuezone knows up to {supported}. A newer relay has upgraded it.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Update Valuezone on this machine: every relay sharing a database must run the newest version.",
        ),
    ),
    "team_db.sqlite_no_file": (
        QT_TRANSLATE_NOOP("Errors", "The SQLite URL names no file."),
        QT_TRANSLATE_NOOP("Errors", "Use sqlite:///var/lib/valuezone/team.db."),
    ),
    "team_db.sqlite_unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The team database {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Check the state folder's free space and permissions."),
    ),
    "team_db.unknown_scheme": (
        QT_TRANSLATE_NOOP("Errors", "The database URL {url!r} is neither postgresql:// nor sqlite:."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Use postgresql://user@host:5432/dbname, or leave --db out for SQLite in the state folder.",
        ),
    ),
    "team_db.unreachable": (
        QT_TRANSLATE_NOOP("Errors", "The team database {label} cannot be reached ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the URL, that PostgreSQL runs and accepts this user (pg_hba.conf), and the password in ~/.pgpass or PGPASSWORD (never in the URL on a shared machine).",
        ),
    ),
    "team_db.user_bypasses_rls": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The team database user {user!r} is {what}: PostgreSQL's row-level security would not apply to it, so the database could not enforce who sees which record ({database}).",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Create an ordinary role that owns the database: `createuser valuezone && createdb -O valuezone valuezone`, then use --db postgresql://valuezone@HOST:5432/valuezone.",
        ),
    ),
    "team_protocol.frame_too_big": (
        QT_TRANSLATE_NOOP("Errors", "A frame of {size} bytes is over the limit."),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone."),
    ),
    "team_protocol.header_cut": (
        QT_TRANSLATE_NOOP("Errors", "The connection ended inside a frame header."),
        "",
    ),
    "team_protocol.message_too_big": (
        QT_TRANSLATE_NOOP("Errors", "A message of {size} bytes is over the {MAX_JSON}-byte limit."),
        "",
    ),
    "team_protocol.not_an_object": (
        QT_TRANSLATE_NOOP("Errors", "A message is not a JSON object."),
        "",
    ),
    "team_protocol.not_json": (
        QT_TRANSLATE_NOOP("Errors", "A message is not UTF-8 JSON ({exc})."),
        "",
    ),
    "team_protocol.unknown_frame": (
        QT_TRANSLATE_NOOP("Errors", "Unknown frame kind {kind!r}."),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone."),
    ),
    "techkey.keyring_did_not_keep": (
        QT_TRANSLATE_NOOP("Errors", "The keyring did not keep the technician key's passphrase."),
        "",
    ),
    "techkey.locked": (
        QT_TRANSLATE_NOOP(
            "Errors", "The technician key {path} is locked: its passphrase has not been typed in this run."
        ),
        QT_TRANSLATE_NOOP("Errors", "It is asked when you join a session by code."),
    ),
    "techkey.missing": (
        QT_TRANSLATE_NOOP("Errors", "There is no technician key at {path}."),
        "",
    ),
    "techkey.no_keyring": (
        QT_TRANSLATE_NOOP(
            "Errors", "This computer has no keyring to keep the technician key's passphrase in."
        ),
        QT_TRANSLATE_NOOP("Errors", "Choose a passphrase for the key; it is asked when the key is needed."),
    ),
    "techkey.nobody_to_ask": (
        QT_TRANSLATE_NOOP(
            "Errors", "The technician key {path} needs its passphrase, and there is nobody to ask here."
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Add it to your ssh-agent first (`ssh-add {path}`), or run this on a terminal."
        ),
    ),
    "techkey.not_made_yet": (
        QT_TRANSLATE_NOOP("Errors", "There is no technician key at {path} yet."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Create it (Join by code in the console, or `valuezone key new`), then send its public key line to the relay's administrator.",
        ),
    ),
    "techkey.not_unlocked": (
        QT_TRANSLATE_NOOP("Errors", "The technician key was not unlocked, so nothing was sent to the relay."),
        QT_TRANSLATE_NOOP("Errors", "Join again and type the key's passphrase."),
    ),
    "techkey.passphrase_lost": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The technician key {path} ({fingerprint}) cannot be opened any more: Valuezone made it with a random passphrase for the system keyring, and the keyring does not have it (this computer has no keyring, or it was reset).",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`), then send its public key line to the relay's administrator, who lists it instead of the old one. If the keyring is only locked, unlock it and try again.",
        ),
    ),
    "techkey.passphrase_wrong": (
        QT_TRANSLATE_NOOP("Errors", "The passphrase for the technician key {path} was wrong {tries} times."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Try again with the passphrase you chose when the key was made. If it is forgotten, create a new key (`valuezone key new --replace`) and send its public line to the relay's administrator.",
        ),
    ),
    "techkey.unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The technician key {path} cannot be read ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`) and send its public line to the relay's administrator.",
        ),
    ),
    "translation.bad_deadline": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The wait per translation provider in the settings is {shown}, not a number of seconds more than 0.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK."
        ),
    ),
    "translation.bad_providers": (
        QT_TRANSLATE_NOOP(
            "Errors", "The translation providers in the settings are {shown}, not a list of provider names."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Open Tools ▸ Settings ▸ Translation, tick the providers to try (in order) and press OK.",
        ),
    ),
    "translation.cache_damaged": (
        QT_TRANSLATE_NOOP(
            "Errors", "The translation cache {path} is damaged or not a translation cache ({exc})."
        ),
        QT_TRANSLATE_NOOP("Errors", "Delete the file: it only holds translations that can be fetched again."),
    ),
    "translation.cache_file_denied": (
        QT_TRANSLATE_NOOP("Errors", "This user may not read or write the translation cache {path}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Give this user read and write permission on the file (it may belong to another user, or have been made by `sudo valuezone`), or set VALUEZONE_HOME to a folder you own, or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.",
        ),
    ),
    "translation.cache_folder_readonly": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "This user may not write in the folder {folder}, where the translation cache {path} keeps its file and journal.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Let this user write in that folder, or set VALUEZONE_HOME to a folder you own, or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.",
        ),
    ),
    "translation.cache_folder_unusable": (
        QT_TRANSLATE_NOOP(
            "Errors", "The folder for the translation cache {folder} cannot be made ({strerror})."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Move away what is in its way or let this user write there (or set VALUEZONE_HOME to a folder you own), or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.",
        ),
    ),
    "translation.cache_too_new": (
        QT_TRANSLATE_NOOP(
            "Errors", "The translation cache {path} was written by a newer Valuezone (schema {version})."
        ),
        QT_TRANSLATE_NOOP("Errors", "Delete the file: it only holds translations that can be fetched again."),
    ),
    "translation.cache_unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The translation cache {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check that it is a file, not a folder, and that its disk has room and is not failing; or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.",
        ),
    ),
    "translation.canned_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The canned replies for {language} cannot be read ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Fix the file."),
    ),
    "translation.glossary_invalid": (
        QT_TRANSLATE_NOOP("Errors", "The glossary is not valid TOML ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Fix the line it names in glossary.toml."),
    ),
    "translation.no_answer": (
        QT_TRANSLATE_NOOP("Errors", "No translation provider answered ({reasons})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The original text is shown untranslated. Check the network, or the providers in the translation settings, then try again.",
        ),
    ),
    "translation.no_api_key": (
        QT_TRANSLATE_NOOP("Errors", "The {name} translator needs an API key, and none is saved."),
        QT_TRANSLATE_NOOP(
            "Errors", "Save the key in the keyring under '{key_kind}' / '{name}', or use another provider."
        ),
    ),
    "translation.no_server": (
        QT_TRANSLATE_NOOP("Errors", "LibreTranslate needs the address of your server."),
        QT_TRANSLATE_NOOP("Errors", "Set translation.libre_url in the settings, or pass --url."),
    ),
    "translation.timeout": (
        QT_TRANSLATE_NOOP("Errors", "The {provider} translator did not answer within {waited:.1f} s."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The original text is kept; try again, or choose another provider in the translation settings.",
        ),
    ),
    "translation.unknown_canned": (
        QT_TRANSLATE_NOOP("Errors", "There is no canned reply '{reply_id}'."),
        QT_TRANSLATE_NOOP("Errors", "Known replies: {replies}."),
    ),
    "translation.unknown_provider": (
        QT_TRANSLATE_NOOP("Errors", "There is no translation provider called '{name}'."),
        QT_TRANSLATE_NOOP("Errors", "Choose one of: {providers}."),
    ),
    "vendor.invalid_toml": (
        QT_TRANSLATE_NOOP("Errors", "The vendor file {path} is not valid TOML ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Fix the file (name, phone, url, logo, [names]) or leave --vendor out."),
    ),
    "vendor.logo_invalid": (
        QT_TRANSLATE_NOOP("Errors", "The logo {logo} is not a PNG of at most {max_kib} KiB."),
        QT_TRANSLATE_NOOP("Errors", "Save the logo as a small PNG (e.g. 128 × 128 pixels)."),
    ),
    "vendor.logo_unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The logo {logo} named in {path} cannot be read ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "Put the PNG beside the vendor file, or remove the logo line."),
    ),
    "vendor.no_name": (
        QT_TRANSLATE_NOOP("Errors", "The vendor file {path} has no name."),
        QT_TRANSLATE_NOOP("Errors", 'Add a line such as name = "Acme Storage Support".'),
    ),
    "vendor.unreadable": (
        QT_TRANSLATE_NOOP("Errors", "The vendor file {path} cannot be read ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "Check the path given to --vendor."),
    ),
    "webadmin.bad_target": (
        QT_TRANSLATE_NOOP("Errors", "{scheme}:{port} is not a web address this console opens."),
        QT_TRANSLATE_NOOP("Errors", "Choose http or https and a port from 1 to 65535."),
    ),
    "webadmin.listen_failed": (
        QT_TRANSLATE_NOOP("Errors", "Could not listen on 127.0.0.1 for the web admin page ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Try again; if it keeps failing, restart the console."),
    ),
    "webadmin.not_answering": (
        QT_TRANSLATE_NOOP("Errors", "Nothing answered on port {port} of the device: {reason}"),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the device's web admin port (often 443, 80, 5001 or 8080) and try again."
        ),
    ),
    "webadmin.refused": (
        QT_TRANSLATE_NOOP("Errors", "The web admin page (port {port}) was not opened: {reason}"),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Through a code the customer decides: ask them in the chat, then try again. Over a direct SSH session the device's SSH server does not allow forwarding (AllowTcpForwarding).",
        ),
    ),
    "webadmin.session_gone": (
        QT_TRANSLATE_NOOP("Errors", "The session ended before the web admin page opened ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Reconnect the session and try again."),
    ),
}
