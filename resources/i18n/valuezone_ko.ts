<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>AgentWindow</name>
    <message>
        <location filename="../../console/agent_window.py" line="54" />
        <source>Valuezone support</source>
        <translation>밸류존 원격 지원</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="59" />
        <location filename="../../console/agent_window.py" line="135" />
        <source>Connecting to the support service…</source>
        <translation>지원 서비스에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="60" />
        <source>Session state</source>
        <translation>세션 상태</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="64" />
        <source>Session code</source>
        <translation>세션 코드</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="71" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="71" />
        <source>Copy the session code</source>
        <translation>세션 코드 복사</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="77" />
        <source>Code expiry</source>
        <translation>코드 만료</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="81" />
        <source>What the technician does</source>
        <translation>기술자의 작업 내역</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="86" />
        <source>Chat with the technician</source>
        <translation>기술자와 채팅</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="90" />
        <source>Message to the technician</source>
        <translation>기술자에게 보낼 메시지</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="91" />
        <source>Write to the technician and press Enter</source>
        <translation>기술자에게 메시지를 쓰고 Enter 키를 누르세요</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="93" />
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="93" />
        <source>Send the message</source>
        <translation>메시지 보내기</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="102" />
        <source>End session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="102" />
        <source>End the support session</source>
        <translation>지원 세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="116" />
        <source>Read this code to the technician. It expires in {n} min.</source>
        <translation>이 코드를 기술자에게 알려 주세요. {n}분 후에 만료됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="136" />
        <source>Waiting for the technician to enter the code.</source>
        <translation>기술자가 코드를 입력하기를 기다리는 중입니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="137" />
        <source>A technician asks to connect.</source>
        <translation>기술자가 연결을 요청합니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="138" />
        <source>A technician is connected. You can end the session at any time.</source>
        <translation>기술자가 연결되었습니다. 언제든지 세션을 종료할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="139" />
        <source>Connection lost: reconnecting…</source>
        <translation>연결이 끊어졌습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="140" />
        <source>The session has ended.</source>
        <translation>세션이 종료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="145" />
        <source>The code is in use: nobody else can join with it.</source>
        <translation>코드가 사용 중입니다. 다른 사람은 이 코드로 참여할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="147" />
        <source>This code can no longer be used.</source>
        <translation>이 코드는 더 이상 사용할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="157" />
        <source>Allow the technician?</source>
        <translation>기술자의 연결을 허용하시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="159" />
        <source>{technician} wants to connect (scope: {scope}). Allow?</source>
        <translation>{technician} 님이 연결하려고 합니다 (범위: {scope}). 허용하시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="163" />
        <source>You can end the session at any time with End session.</source>
        <translation>"세션 종료"를 눌러 언제든지 세션을 끝낼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="164" />
        <source>Allow</source>
        <translation>허용</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="165" />
        <source>Allow the technician to connect</source>
        <translation>기술자의 연결 허용</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="166" />
        <source>Decline</source>
        <translation>거부</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="167" />
        <source>Decline the connection</source>
        <translation>연결 거부</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="187" />
        <source>Technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="187" />
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../console/agent_window.py" line="191" />
        <source>Original: {text}</source>
        <translation>원문: {text}</translation>
    </message>
    <message>
        <location filename="../../console/demo.py" line="65" />
        <source>Valuezone support — customer side (demo)</source>
        <translation>밸류존 원격 지원 — 고객 화면 (데모)</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../console/chat_pane.py" line="103" />
        <source>Customer language:</source>
        <translation>고객 언어:</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="104" />
        <source>Customer language</source>
        <translation>고객 언어</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="105" />
        <source>Detect automatically</source>
        <translation>자동 감지</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="112" />
        <source>Chat messages</source>
        <translation>채팅 메시지</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="116" />
        <source>Your message:</source>
        <translation>내 메시지:</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="117" />
        <source>Your message</source>
        <translation>내 메시지</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="121" />
        <source>The customer will read:</source>
        <translation>고객이 읽을 내용:</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="124" />
        <source>What the customer will read (editable)</source>
        <translation>고객이 읽을 내용 (편집 가능)</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="128" />
        <source>Translation status</source>
        <translation>번역 상태</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="134" />
        <source>Canned… (Ctrl+K)</source>
        <translation>상용구… (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="134" />
        <source>Canned replies</source>
        <translation>상용구</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="138" />
        <source>Send (Ctrl+Enter)</source>
        <translation>보내기 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="138" />
        <source>Send the message</source>
        <translation>메시지 보내기</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="200" />
        <source>The customer will read ({lang}):</source>
        <translation>고객이 읽을 내용 ({lang}):</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="219" />
        <source>translating…</source>
        <translation>번역 중…</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="231" />
        <source>⚠ not translated: the customer will read your original. {error}</source>
        <translation>⚠ 번역되지 않음: 고객은 원문을 읽게 됩니다. {error}</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="236" />
        <source>You can edit the text above before sending.</source>
        <translation>보내기 전에 위 내용을 고칠 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="268" />
        <source>Canned reply: written by people, no translation service needed.</source>
        <translation>상용구: 사람이 작성한 문장이라 번역 서비스가 필요 없습니다.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../console/crash.py" line="29" />
        <source>Valuezone hit a bug</source>
        <translation>밸류존에 오류가 발생했습니다</translation>
    </message>
    <message>
        <location filename="../../console/crash.py" line="33" />
        <source>Something went wrong that Valuezone did not expect. Your sessions are still recorded. Please send the details below and the log file to the Valuezone developers.</source>
        <translation>예상하지 못한 문제가 발생했습니다. 세션은 계속 기록되고 있습니다. 아래 세부 정보와 로그 파일을 밸류존 개발자에게 보내 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/crash.py" line="40" />
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <location filename="../../console/device_dialog.py" line="47" />
        <source>Edit device</source>
        <translation>장치 편집</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="47" />
        <source>Add device</source>
        <translation>장치 추가</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="49" />
        <source>Device name</source>
        <translation>장치 이름</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="50" />
        <source>e.g. Customer 1024 – TS-453D</source>
        <translation>예: 고객 1024 – TS-453D</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="51" />
        <source>Host name or address</source>
        <translation>호스트 이름 또는 주소</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="52" />
        <source>SSH port</source>
        <translation>SSH 포트</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="55" />
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="57" />
        <source>Diagnostics profile</source>
        <translation>진단 프로필</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="59" />
        <source>Private key file (optional)</source>
        <translation>개인 키 파일 (선택)</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="60" />
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="60" />
        <source>Choose a key file</source>
        <translation>키 파일 선택</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="65" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="70" />
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="71" />
        <source>Host:</source>
        <translation>호스트:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="72" />
        <source>Port:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="73" />
        <source>User:</source>
        <translation>사용자:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="74" />
        <source>Profile:</source>
        <translation>프로필:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="75" />
        <source>Key file:</source>
        <translation>키 파일:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="76" />
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="79" />
        <source>Passwords are asked at the first connection and kept in the system keyring only.</source>
        <translation>비밀번호는 처음 연결할 때 묻고, 시스템 키링에만 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="100" />
        <source>Private key</source>
        <translation>개인 키</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="118" />
        <source>A device needs a name and a host.</source>
        <translation>장치에는 이름과 호스트가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/device_dialog.py" line="121" />
        <source>The key file does not exist: {path}</source>
        <translation>키 파일이 없습니다: {path}</translation>
    </message>
</context>
<context>
    <name>DevicesDock</name>
    <message>
        <location filename="../../console/devices_dock.py" line="29" />
        <location filename="../../console/devices_dock.py" line="34" />
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="39" />
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="39" />
        <source>Add a device</source>
        <translation>장치 추가</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="40" />
        <source>Edit…</source>
        <translation>편집…</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="40" />
        <source>Edit the device</source>
        <translation>장치 편집</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="42" />
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="42" />
        <location filename="../../console/devices_dock.py" line="147" />
        <source>Remove the device</source>
        <translation>장치 삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="45" />
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="45" />
        <source>Connect to the device</source>
        <translation>장치에 연결</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="100" />
        <location filename="../../console/devices_dock.py" line="128" />
        <source>Device not saved</source>
        <translation>장치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="138" />
        <source>Remove device</source>
        <translation>장치 삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices_dock.py" line="139" />
        <source>Remove {name} from the device book? Its saved password is deleted too.</source>
        <translation>장치 목록에서 {name}을(를) 삭제하시겠습니까? 저장된 비밀번호도 함께 삭제됩니다.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDock</name>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="45" />
        <source>Diagnostics</source>
        <translation>진단</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="92" />
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="92" />
        <source>Run diagnostics</source>
        <translation>진단 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="94" />
        <source>Run every check of the profile (Ctrl+D)</source>
        <translation>프로필의 모든 점검 실행 (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="96" />
        <source>Re-run check</source>
        <translation>점검 다시 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="98" />
        <source>Re-run the selected check</source>
        <translation>선택한 점검 다시 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="101" />
        <source>Copy finding</source>
        <translation>결과 복사</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="103" />
        <source>Copy the selected finding</source>
        <translation>선택한 결과 복사</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="106" />
        <source>Not run yet.</source>
        <translation>아직 실행하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="106" />
        <source>Run state</source>
        <translation>실행 상태</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="113" />
        <source>Diagnostic checks</source>
        <translation>진단 점검</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="114" />
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="114" />
        <source>Check</source>
        <translation>점검</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="114" />
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="116" />
        <source>Finding details</source>
        <translation>결과 세부 정보</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="128" />
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/diagnostics_dock.py" line="137" />
        <source>Running %n check(s)…</source>
        <translation><numerusform>점검 %n개 실행 중…</numerusform></translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="144" />
        <source>Diagnostics stopped: %1</source>
        <translation>진단이 중단되었습니다: %1</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="151" />
        <source>Re-running %1…</source>
        <translation>%1 다시 실행 중…</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="157" />
        <source>Re-ran %1.</source>
        <translation>%1을(를) 다시 실행했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="172" />
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="183" />
        <source> (+%1 more)</source>
        <translation> (외 %1개)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="199" />
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="200" />
        <source>warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="201" />
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="202" />
        <source>could not check</source>
        <translation>점검 불가</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="208" />
        <source>All checks are ok.</source>
        <translation>모든 점검이 정상입니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="209" />
        <source>Done: warnings to look at.</source>
        <translation>완료: 확인할 경고가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="210" />
        <source>Done: something has failed.</source>
        <translation>완료: 실패한 항목이 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics_dock.py" line="211" />
        <source>Done: some checks could not run.</source>
        <translation>완료: 일부 점검을 실행하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../console/review/filters.py" line="22" />
        <source>Started on or after</source>
        <translation>시작일 (이후)</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="23" />
        <source>Started on or before</source>
        <translation>시작일 (이전)</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="24" />
        <location filename="../../console/review/filters.py" line="53" />
        <source>Technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="25" />
        <source>Device name or host</source>
        <translation>장치 이름 또는 호스트</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="26" />
        <location filename="../../console/review/filters.py" line="54" />
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="27" />
        <location filename="../../console/review/filters.py" line="34" />
        <location filename="../../console/review/filters.py" line="37" />
        <location filename="../../console/review/filters.py" line="70" />
        <location filename="../../console/review/filters.py" line="78" />
        <source>any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="27" />
        <source>resolved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="27" />
        <source>workaround</source>
        <translation>임시 해결</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="27" />
        <location filename="../../console/review/filters.py" line="38" />
        <source>escalated</source>
        <translation>본사 이관</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="28" />
        <source>not resolved</source>
        <translation>미해결</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="28" />
        <source>none recorded</source>
        <translation>기록 없음</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="31" />
        <source>Lowest score</source>
        <translation>최저 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="32" />
        <source>Highest score</source>
        <translation>최고 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="33" />
        <source>Customer language</source>
        <translation>고객 언어</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="35" />
        <location filename="../../console/review/filters.py" line="56" />
        <source>Escalated</source>
        <translation>본사 이관</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="39" />
        <source>not escalated</source>
        <translation>이관 안 함</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="43" />
        <source>technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="43" />
        <source>device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="52" />
        <source>From</source>
        <translation>부터</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="52" />
        <source>To</source>
        <translation>까지</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="53" />
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="54" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="55" />
        <source>Score ≥</source>
        <translation>점수 ≥</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="55" />
        <source>Score ≤</source>
        <translation>점수 ≤</translation>
    </message>
</context>
<context>
    <name>HostKeyDialog</name>
    <message>
        <location filename="../../console/prompts.py" line="44" />
        <source>Unknown host key</source>
        <translation>알 수 없는 호스트 키</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="46" />
        <source>This is the first connection to {address}. Its {kind} key fingerprint is:</source>
        <translation>{address}에 처음 연결합니다. {kind} 키 지문:</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="52" />
        <source>If you can, compare it with the fingerprint the customer reads from the device. Trust this key and connect?</source>
        <translation>가능하면 고객이 장치에서 읽어 주는 지문과 비교하세요. 이 키를 신뢰하고 연결하시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="60" />
        <source>Trust and connect</source>
        <translation>신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="63" />
        <source>Trust this host key and connect</source>
        <translation>이 호스트 키를 신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="66" />
        <source>Do not connect</source>
        <translation>연결하지 않음</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../console/join_dialog.py" line="30" />
        <source>Join by code</source>
        <translation>코드로 참여</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="34" />
        <source>Session code from the customer</source>
        <translation>고객이 알려 준 세션 코드</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="40" />
        <source>Session code:</source>
        <translation>세션 코드:</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="41" />
        <source>Relay address (host:port)</source>
        <translation>릴레이 주소 (호스트:포트)</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="43" />
        <source>Relay:</source>
        <translation>릴레이:</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="51" />
        <source>Your public key for the relay</source>
        <translation>릴레이에 등록할 내 공개 키</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="53" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="53" />
        <source>Copy your public key</source>
        <translation>내 공개 키 복사</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="57" />
        <source>Your key:</source>
        <translation>내 키:</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="67" />
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="83" />
        <source>A key was created for you. Send this line to your relay's administrator once; its passphrase is kept in the system keyring.</source>
        <translation>키를 새로 만들었습니다. 이 한 줄을 릴레이 관리자에게 한 번 보내 주세요. 키의 암호는 시스템 키링에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/join_dialog.py" line="104" />
        <source>Enter the relay address (you can save it in Settings).</source>
        <translation>릴레이 주소를 입력하세요 (설정에 저장할 수 있습니다).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/main_window.py" line="51" />
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="57" />
        <source>No session is open.

Add a device on the left and press Connect,
use Session ▸ New connection (Ctrl+N),
or Join by code (Ctrl+J) when a customer reads you a session code.</source>
        <translation>열린 세션이 없습니다.

왼쪽에서 장치를 추가하고 "연결"을 누르거나,
세션 ▸ 새 연결 (Ctrl+N)을 사용하거나,
고객이 세션 코드를 알려 주면 코드로 참여 (Ctrl+J)를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="77" />
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="90" />
        <source>&amp;Session</source>
        <translation>세션(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="93" />
        <source>&amp;New connection…</source>
        <translation>새 연결(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="96" />
        <source>&amp;Close tab</source>
        <translation>탭 닫기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="101" />
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="102" />
        <source>&amp;Join by code…</source>
        <translation>코드로 참여(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="108" />
        <source>&amp;Devices</source>
        <translation>장치(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="111" />
        <source>&amp;Add device…</source>
        <translation>장치 추가(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="115" />
        <source>D&amp;iagnostics</source>
        <translation>진단(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="118" />
        <source>&amp;Run diagnostics</source>
        <translation>진단 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="123" />
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="126" />
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="130" />
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="132" />
        <source>Open &amp;log file</source>
        <translation>로그 파일 열기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="133" />
        <source>&amp;About Valuezone</source>
        <translation>밸류존 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="148" />
        <source>New connection</source>
        <translation>새 연결</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="149" />
        <source>Address ([user@]host[:port]):</source>
        <translation>주소 ([사용자@]호스트[:포트]):</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="213" />
        <source>Open a connected session first, then run diagnostics.</source>
        <translation>먼저 연결된 세션을 연 다음 진단을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="236" />
        <source>End session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="237" />
        <source>End the session with {label}? The recording is kept.</source>
        <translation>{label} 세션을 종료하시겠습니까? 녹화는 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="243" />
        <source>End the session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="274" />
        <source>Settings saved. A new language applies to new windows.</source>
        <translation>설정을 저장했습니다. 새 언어는 새 창부터 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="279" />
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="284" />
        <source>About Valuezone</source>
        <translation>밸류존 정보</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="285" />
        <source>Valuezone {version}
Remote support for devices, recorded from the first byte.</source>
        <translation>밸류존 {version}
첫 바이트부터 기록되는 장치 원격 지원.</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <location filename="../../console/review/player.py" line="132" />
        <location filename="../../console/review/player.py" line="204" />
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="132" />
        <source>Play or pause</source>
        <translation>재생 또는 일시 정지</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="134" />
        <source>Seek</source>
        <translation>위치 이동</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="135" />
        <source>Playback time</source>
        <translation>재생 시간</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="136" />
        <source>Playback speed</source>
        <translation>재생 속도</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="139" />
        <source>Idle-time limit in seconds</source>
        <translation>유휴 시간 제한 (초)</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="142" />
        <source> s idle max</source>
        <translation>초 유휴 최대</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="143" />
        <source>no idle limit</source>
        <translation>유휴 제한 없음</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="204" />
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <location filename="../../console/review/player.py" line="52" />
        <source>Recorded terminal</source>
        <translation>기록된 터미널</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../console/review/charts.py" line="112" />
        <source>Report summary</source>
        <translation>보고서 요약</translation>
    </message>
    <message>
        <location filename="../../console/review/charts.py" line="118" />
        <source>Chart: %s</source>
        <translation>차트: %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/charts.py" line="129" />
        <source>%n session(s). Median time to first response: %1; to resolution: %2. Open follow-ups: %3.</source>
        <translation><numerusform>세션 %n개. 첫 응답까지 중앙값: %1, 해결까지: %2. 열린 후속 조치: %3.</numerusform></translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../console/review/window.py" line="43" />
        <source>Valuezone review — %s</source>
        <translation>밸류존 검토 — %s</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="49" />
        <source>Search sessions</source>
        <translation>세션 검색</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="50" />
        <source>Search terminal text, chat, findings, notes…</source>
        <translation>터미널 내용, 채팅, 진단 결과, 메모 검색…</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="52" />
        <source>Search hits</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="54" />
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="63" />
        <source>Session or report</source>
        <translation>세션 또는 보고서</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="64" />
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="65" />
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="93" />
        <source>Indexing the archive…</source>
        <translation>보관함 색인 중…</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="98" />
        <source>Indexing the archive: %1 of %2 records</source>
        <translation>보관함 색인 중: 기록 %2개 중 %1개</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="106" />
        <source>Indexed: %1 new, %2 changed, %3 removed.</source>
        <translation>색인 완료: 새 기록 %1개, 변경 %2개, 삭제 %3개.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/window.py" line="110" />
        <source>%n record(s) could not be read.</source>
        <translation><numerusform>기록 %n개를 읽을 수 없습니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="148" />
        <source>yes</source>
        <translation>예</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <location filename="../../console/prompts.py" line="85" />
        <source>Save in the system keyring</source>
        <translation>시스템 키링에 저장</translation>
    </message>
    <message>
        <location filename="../../console/prompts.py" line="85" />
        <source>Save</source>
        <translation>저장</translation>
    </message>
</context>
<context>
    <name>SessionBridge</name>
    <message>
        <location filename="../../console/bridge.py" line="47" />
        <source>Unexpected error: {error}</source>
        <translation>예상하지 못한 오류: {error}</translation>
    </message>
</context>
<context>
    <name>SessionPlan</name>
    <message>
        <location filename="../../console/session_tab.py" line="62" />
        <source>Code {code}</source>
        <translation>코드 {code}</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <location filename="../../console/session_tab.py" line="99" />
        <source>Session status</source>
        <translation>세션 상태</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="102" />
        <location filename="../../console/session_tab.py" line="201" />
        <location filename="../../console/session_tab.py" line="261" />
        <location filename="../../console/session_tab.py" line="330" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="102" />
        <source>Cancel connecting</source>
        <translation>연결 취소</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="110" />
        <source>Terminal of {label}</source>
        <translation>{label} 터미널</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="230" />
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="231" />
        <source>Password for {who}:</source>
        <translation>{who}의 비밀번호:</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="241" />
        <source>Key passphrase</source>
        <translation>키 암호</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="242" />
        <source>Passphrase for the key {path}:</source>
        <translation>키 {path}의 암호:</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="254" />
        <location filename="../../console/session_tab.py" line="260" />
        <source>Connecting to {label}…</source>
        <translation>{label}에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="255" />
        <source>Checking the host key of {label}…</source>
        <translation>{label}의 호스트 키를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="256" />
        <source>Logging in to {label}…</source>
        <translation>{label}에 로그인하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="257" />
        <source>Opening a shell on {label}…</source>
        <translation>{label}에서 셸을 여는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="258" />
        <source>Connecting to the relay…</source>
        <translation>릴레이에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="201" />
        <location filename="../../console/session_tab.py" line="259" />
        <source>Waiting for the customer to allow the connection…</source>
        <translation>고객이 연결을 허용하기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="268" />
        <source>Connection lost: reconnecting…</source>
        <translation>연결이 끊어졌습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="270" />
        <source>Session ended: {reason}</source>
        <translation>세션 종료: {reason}</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="271" />
        <source>{label} (ended)</source>
        <translation>{label} (종료됨)</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="300" />
        <source>This session is not connected.</source>
        <translation>이 세션은 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="300" />
        <source>Connect first, then run diagnostics.</source>
        <translation>먼저 연결한 다음 진단을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="319" />
        <location filename="../../console/session_tab.py" line="332" />
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <location filename="../../console/session_tab.py" line="322" />
        <location filename="../../console/session_tab.py" line="334" />
        <source>Resume recording</source>
        <translation>녹화 재개</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <location filename="../../console/review/session_view.py" line="52" />
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="55" />
        <source>Chat, original and translation</source>
        <translation>채팅 (원문과 번역)</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="56" />
        <source>Diagnostic findings</source>
        <translation>진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="57" />
        <source>Outcome and score</source>
        <translation>결과와 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="60" />
        <source>Notes and tags</source>
        <translation>메모와 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="61" />
        <source>New note</source>
        <translation>새 메모</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="62" />
        <source>Note at the current time…</source>
        <translation>현재 시점의 메모…</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="63" />
        <source>Add note</source>
        <translation>메모 추가</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="64" />
        <source>New tag</source>
        <translation>새 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="65" />
        <source>Tag…</source>
        <translation>태그…</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="66" />
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="67" />
        <source>Session view status</source>
        <translation>세션 보기 상태</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="68" />
        <source>Session details</source>
        <translation>세션 세부 정보</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="69" />
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="70" />
        <source>Findings</source>
        <translation>진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="71" />
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="72" />
        <source>Notes &amp;&amp; tags</source>
        <translation>메모 및 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="143" />
        <source>Outcome: %s</source>
        <translation>결과: %s</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="145" />
        <source>Score: %s/10</source>
        <translation>점수: %s/10</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="146" />
        <source>No outcome was recorded.</source>
        <translation>기록된 결과가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="157" />
        <source>Outcome at %1: %2 — %3</source>
        <translation>%1의 결과: %2 — %3</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="160" />
        <source>solved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="160" />
        <source>not solved</source>
        <translation>해결 안 됨</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="161" />
        <source>Customer survey: %1, score %2/10. %3</source>
        <translation>고객 설문: %1, 점수 %2/10. %3</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="199" />
        <source>Saved to the record.</source>
        <translation>기록에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../console/settings_dialog.py" line="33" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="37" />
        <source>User interface language</source>
        <translation>화면 언어</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="38" />
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="42" />
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="46" />
        <source>Terminal font</source>
        <translation>터미널 글꼴</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="49" />
        <source>Terminal font size</source>
        <translation>터미널 글꼴 크기</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="55" />
        <source>Terminal font:</source>
        <translation>터미널 글꼴:</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="58" />
        <source>Scrollback lines</source>
        <translation>스크롤백 줄 수</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="62" />
        <source>Scrollback lines:</source>
        <translation>스크롤백 줄 수:</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="65" />
        <source>Archive folder for session records</source>
        <translation>세션 기록 보관 폴더</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="66" />
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="67" />
        <source>Choose the archive folder</source>
        <translation>보관 폴더 선택</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="72" />
        <source>Archive folder:</source>
        <translation>보관 폴더:</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="75" />
        <source>Relay address (host:port)</source>
        <translation>릴레이 주소 (호스트:포트)</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="77" />
        <source>Relay:</source>
        <translation>릴레이:</translation>
    </message>
    <message>
        <location filename="../../console/settings_dialog.py" line="88" />
        <source>Archive folder</source>
        <translation>보관 폴더</translation>
    </message>
</context>
<context>
    <name>TerminalWidget</name>
    <message>
        <location filename="../../console/terminal/widget.py" line="64" />
        <source>Terminal</source>
        <extracomment>Time one slice of queued output may take before the event loop gets control back. Characters handed to the model per step inside a slice. Coalescing interval of repaints (&lt;= 60 per second).</extracomment>
        <translation>터미널</translation>
    </message>
    <message>
        <location filename="../../console/terminal/widget.py" line="87" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/terminal/widget.py" line="89" />
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../console/review/player.py" line="83" />
        <source>Timeline markers</source>
        <translation>타임라인 표시</translation>
    </message>
</context>
<context>
    <name>_EntryView</name>
    <message>
        <location filename="../../console/chat_pane.py" line="59" />
        <source>Retry translation</source>
        <translation>번역 다시 시도</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="69" />
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../console/chat_pane.py" line="69" />
        <source>Customer</source>
        <translation>고객</translation>
    </message>
</context>
</TS>