<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name></name>
    <message>
        <location filename="../../console/team/service.py" line="194"/>
        <source>Unknown team server</source>
        <translation>알 수 없는 팀 서버</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="197"/>
        <source>This is the first connection to the team server {address}. Its {kind} key fingerprint is:</source>
        <translation>팀 서버 {address}에 처음 연결합니다. 이 서버의 {kind} 키 지문:</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="203"/>
        <source>Compare it with the fingerprint the relay&apos;s administrator gives you (`valuezone relay` prints it when it starts). Trust this key and connect?</source>
        <translation>릴레이 관리자가 알려 준 지문과 비교하세요(`valuezone relay`가 시작할 때 출력합니다). 이 키를 신뢰하고 연결할까요?</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="208"/>
        <source>Trust and connect</source>
        <translation>신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="209"/>
        <source>Trust the team server&apos;s host key and connect</source>
        <translation>팀 서버의 호스트 키를 신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="211"/>
        <source>Do not connect</source>
        <translation>연결하지 않음</translation>
    </message>
</context>
<context>
    <name>AgentWindow</name>
    <message>
        <location filename="../../console/launch/demo.py" line="88"/>
        <source>Valuezone support — customer side (demo)</source>
        <translation>밸류존 원격 지원 — 고객 화면 (데모)</translation>
    </message>
</context>
<context>
    <name>ChatDock</name>
    <message>
        <location filename="../../console/session/chat_dock.py" line="15"/>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_dock.py" line="36"/>
        <source>No session is open. Chat with the customer opens with a session by code.</source>
        <translation>열린 세션이 없습니다. 고객과의 채팅은 코드로 연결한 세션에서 열립니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_dock.py" line="39"/>
        <source>A direct SSH session has no chat: the chat travels with the customer&apos;s agent (Session ▸ Join by code).</source>
        <translation>직접 SSH 세션에는 채팅이 없습니다. 채팅은 고객의 에이전트를 통해 오갑니다 (세션 ▸ 코드로 참여).</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../console/session/chat_pane.py" line="110"/>
        <source>Customer language:</source>
        <translation>고객 언어:</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="111"/>
        <source>Customer language</source>
        <translation>고객 언어</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="112"/>
        <source>Detect automatically</source>
        <translation>자동 감지</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="119"/>
        <source>Chat messages</source>
        <translation>채팅 메시지</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="123"/>
        <source>Your message:</source>
        <translation>내 메시지:</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="124"/>
        <source>Your message</source>
        <translation>내 메시지</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="128"/>
        <source>The customer will read:</source>
        <translation>고객이 읽을 내용:</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="131"/>
        <source>What the customer will read (editable)</source>
        <translation>고객이 읽을 내용 (편집 가능)</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="135"/>
        <source>Translation status</source>
        <translation>번역 상태</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="141"/>
        <source>Canned replies</source>
        <translation>상용구</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="141"/>
        <source>Canned… (Ctrl+Shift+K)</source>
        <translation>상용구… (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="145"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>보내기 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="145"/>
        <source>Send the message</source>
        <translation>메시지 보내기</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="154"/>
        <source>Canned replies…</source>
        <translation>상용구…</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="157"/>
        <source>Send the chat message</source>
        <translation>채팅 메시지 보내기</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="185"/>
        <source>The session has ended: nothing more can be sent.</source>
        <translation>세션이 끝났습니다. 더 이상 보낼 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="228"/>
        <source>solved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="228"/>
        <source>not solved</source>
        <translation>해결 안 됨</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="230"/>
        <source>score {score}/10</source>
        <translation>점수 {score}/10</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="234"/>
        <source>Customer&apos;s survey answer: {answer}</source>
        <translation>고객의 설문 답변: {answer}</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="249"/>
        <source>The customer will read ({lang}):</source>
        <translation>고객이 읽을 내용 ({lang}):</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="268"/>
        <source>translating…</source>
        <translation>번역 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="287"/>
        <source>⚠ not translated: the customer will read your original. {error}</source>
        <translation>⚠ 번역되지 않음: 고객은 원문을 읽게 됩니다. {error}</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="292"/>
        <source>You can edit the text above before sending.</source>
        <translation>보내기 전에 위 내용을 고칠 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="281"/>
        <source>🔒 Not translated: your message holds a secret, so it is not sent to a translation service. The customer reads it as you wrote it, with a note in their language.</source>
        <translation>🔒 번역하지 않음: 메시지에 비밀 정보가 있어 번역 서비스로 보내지 않습니다. 고객은 쓰신 그대로, 고객의 언어로 된 안내와 함께 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="301"/>
        <source>your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="301"/>
        <source>your company</source>
        <translation>회사</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="307"/>
        <source>{reply} — needs {fields}: Tools ▸ Identity</source>
        <translation>{reply} — {fields} 필요: 도구 ▸ 신원 정보</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="340"/>
        <source>Canned reply: written by people, no translation service needed.</source>
        <translation>상용구: 사람이 작성한 문장이라 번역 서비스가 필요 없습니다.</translation>
    </message>
</context>
<context>
    <name>ColumnTitles</name>
    <message>
        <location filename="../../console/review/table.py" line="28"/>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="28"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="28"/>
        <source>Technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="28"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="29"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="29"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="29"/>
        <source>Escalated</source>
        <translation>에스컬레이션</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="29"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../console/review/table.py" line="30"/>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../console/app/crash.py" line="39"/>
        <source>Valuezone hit a bug</source>
        <translation>밸류존에 오류가 발생했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/crash.py" line="45"/>
        <source>Something went wrong that Valuezone did not expect. Your sessions are still recorded. Please send the details below and the log file to the Valuezone developers.</source>
        <translation>예상하지 못한 문제가 발생했습니다. 세션은 계속 기록되고 있습니다. 아래 세부 정보와 로그 파일을 밸류존 개발자에게 보내 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/crash.py" line="52"/>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <location filename="../../console/escalation/pages.py" line="56"/>
        <source>HQ ticket number</source>
        <translation>본사 티켓 번호</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="57"/>
        <source>e.g. T-1024 (may be empty)</source>
        <translation>예: T-1024 (비워 둘 수 있음)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="58"/>
        <source>&amp;Ticket:</source>
        <translation>티켓(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="59"/>
        <source>HQ destination</source>
        <translation>본사 전송 대상</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="60"/>
        <source>&amp;Send to:</source>
        <translation>보낼 곳(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="65"/>
        <source>Your summary:</source>
        <translation>요약:</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="66"/>
        <source>The technician&apos;s summary</source>
        <translation>기술자의 요약</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="67"/>
        <source>What happened, what you tried, what HQ should look at.</source>
        <translation>무슨 일이 있었는지, 무엇을 시도했는지, 본사가 무엇을 봐야 하는지 적어 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="78"/>
        <source>The summary in HQ&apos;s language</source>
        <translation>본사 언어로 된 요약</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="82"/>
        <source>Translation</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="89"/>
        <source>Logs to collect</source>
        <translation>수집할 로그</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="91"/>
        <source>Which logs are collected</source>
        <translation>수집할 로그 목록</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="92"/>
        <source>Logs to collect from the device</source>
        <translation>장비에서 수집할 로그</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="95"/>
        <source>Findings in the record</source>
        <translation>기록에 있는 진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="97"/>
        <source>Findings</source>
        <translation>진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="98"/>
        <location filename="../../console/escalation/pages.py" line="138"/>
        <source>No diagnostics were run in this session.</source>
        <translation>이 세션에서는 진단을 실행하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="100"/>
        <source>Findings that go to HQ</source>
        <translation>본사로 보낼 진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="108"/>
        <source>Escalation message</source>
        <translation>에스컬레이션 메시지</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="113"/>
        <source>&amp;Collect and preview</source>
        <translation>수집 후 미리 보기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="115"/>
        <source>Collect and preview</source>
        <translation>수집 후 미리 보기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="118"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="127"/>
        <source>For HQ ({lang}):</source>
        <translation>본사용 ({lang}):</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="136"/>
        <source>Findings from this session that go into the bundle: {count}</source>
        <translation>번들에 들어갈 이 세션의 진단 결과: {count}개</translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <location filename="../../console/devices/dialog.py" line="53"/>
        <source>Edit device</source>
        <translation>장치 편집</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="53"/>
        <source>Add device</source>
        <translation>장치 추가</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="55"/>
        <source>Device name</source>
        <translation>장치 이름</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="56"/>
        <source>e.g. Customer 1024 – TS-453D</source>
        <translation>예: 고객 1024 – TS-453D</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="57"/>
        <source>Host name or address</source>
        <translation>호스트 이름 또는 주소</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="58"/>
        <source>SSH port</source>
        <translation>SSH 포트</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="61"/>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="63"/>
        <source>Diagnostics profile</source>
        <translation>진단 프로필</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="65"/>
        <source>Private key file (optional)</source>
        <translation>개인 키 파일 (선택)</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="66"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="66"/>
        <source>Choose a key file</source>
        <translation>키 파일 선택</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="71"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="75"/>
        <source>none (top level); e.g. Acme/Building 2</source>
        <translation>없음(최상위), 예: Acme/2동</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="76"/>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="81"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="82"/>
        <source>Host:</source>
        <translation>호스트:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="83"/>
        <source>Port:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="84"/>
        <source>User:</source>
        <translation>사용자:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="85"/>
        <source>Profile:</source>
        <translation>프로필:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="86"/>
        <source>Key file:</source>
        <translation>키 파일:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="87"/>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="88"/>
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="91"/>
        <source>Passwords are asked at the first connection and kept in the system keyring only.</source>
        <translation>비밀번호는 처음 연결할 때 묻고, 시스템 키링에만 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="113"/>
        <source>Private key</source>
        <translation>개인 키</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="132"/>
        <source>A device needs a name and a host.</source>
        <translation>장치에는 이름과 호스트가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/devices/dialog.py" line="135"/>
        <source>The key file does not exist: {path}</source>
        <translation>키 파일이 없습니다: {path}</translation>
    </message>
</context>
<context>
    <name>DevicesDock</name>
    <message>
        <location filename="../../console/devices/dock.py" line="37"/>
        <location filename="../../console/devices/dock.py" line="47"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="42"/>
        <source>Search devices</source>
        <translation>장치 검색</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="43"/>
        <source>Search name, address, notes, folder…</source>
        <translation>이름, 주소, 메모, 폴더 검색…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="55"/>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="55"/>
        <source>Add a device</source>
        <translation>장치 추가</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="56"/>
        <location filename="../../console/devices/dock.py" line="268"/>
        <source>Edit…</source>
        <translation>편집…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="56"/>
        <source>Edit the device</source>
        <translation>장치 편집</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="58"/>
        <location filename="../../console/devices/dock.py" line="270"/>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="58"/>
        <location filename="../../console/devices/dock.py" line="190"/>
        <source>Remove the device</source>
        <translation>장치 삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="60"/>
        <source>Folders and import</source>
        <translation>폴더와 가져오기</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="65"/>
        <location filename="../../console/devices/dock.py" line="278"/>
        <source>New folder…</source>
        <translation>새 폴더…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="67"/>
        <source>Import from ~/.ssh/config…</source>
        <translation>~/.ssh/config에서 가져오기…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="71"/>
        <location filename="../../console/devices/dock.py" line="267"/>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="71"/>
        <source>Connect to the device</source>
        <translation>장치에 연결</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="89"/>
        <source>Device book</source>
        <translation>장치 목록</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="128"/>
        <source>Add device</source>
        <translation>장치 추가</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="136"/>
        <location filename="../../console/devices/dock.py" line="163"/>
        <source>Device not saved</source>
        <translation>장치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="172"/>
        <source>Device not moved</source>
        <translation>장치를 옮기지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="181"/>
        <source>Remove device</source>
        <translation>장치 삭제</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="182"/>
        <source>Remove {name} from the device book? Its saved password is deleted too.</source>
        <translation>장치 목록에서 {name}을(를) 삭제하시겠습니까? 저장된 비밀번호도 함께 삭제됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="216"/>
        <source>New folder</source>
        <translation>새 폴더</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="217"/>
        <source>Folder name (a / makes a folder inside a folder):</source>
        <translation>폴더 이름(/를 쓰면 폴더 안에 폴더가 만들어집니다):</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="226"/>
        <source>Folder not made</source>
        <translation>폴더를 만들지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="238"/>
        <source>Move to folder</source>
        <translation>폴더로 옮기기</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="239"/>
        <source>Folder (empty for the top level):</source>
        <translation>폴더(비우면 최상위):</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="249"/>
        <source>Folder not renamed</source>
        <translation>폴더 이름을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="252"/>
        <source>Rename folder</source>
        <translation>폴더 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="252"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="269"/>
        <source>Move to folder…</source>
        <translation>폴더로 옮기기…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="272"/>
        <source>New folder inside…</source>
        <translation>안에 새 폴더…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="273"/>
        <source>Rename folder…</source>
        <translation>폴더 이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../console/devices/dock.py" line="275"/>
        <source>Remove folder (keeps its devices)</source>
        <translation>폴더 삭제(장치는 남김)</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDock</name>
    <message>
        <location filename="../../console/diagnostics/dock.py" line="37"/>
        <source>Diagnostics</source>
        <translation>진단</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/dock.py" line="43"/>
        <source>Session shown</source>
        <translation>표시 중인 세션</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/dock.py" line="83"/>
        <source>Findings of {label}</source>
        <translation>{label}의 진단 결과</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPanel</name>
    <message numerus="yes">
        <location filename="../../console/diagnostics/panel.py" line="106"/>
        <source>Stopping: interrupted %n running check command(s)…</source>
        <translation>
            <numerusform>중지하는 중: 실행 중인 점검 명령 %n개를 중단했습니다…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="126"/>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="126"/>
        <source>Run diagnostics</source>
        <translation>진단 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="128"/>
        <source>Run every check of the profile (Ctrl+Shift+D)</source>
        <translation>프로필의 모든 점검 실행 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="130"/>
        <source>Re-run check</source>
        <translation>점검 다시 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="132"/>
        <source>Re-run the selected check</source>
        <translation>선택한 점검 다시 실행</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="135"/>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="137"/>
        <source>Stop the diagnostics run</source>
        <translation>진단 실행 중지</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="140"/>
        <source>Interrupt the checks still running (INT, as Ctrl+C would) and start no more</source>
        <translation>실행 중인 점검을 중단하고(Ctrl+C처럼 INT 전송) 더 이상 시작하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="143"/>
        <source>Copy finding</source>
        <translation>결과 복사</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="145"/>
        <source>Copy the selected finding</source>
        <translation>선택한 결과 복사</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="148"/>
        <source>Not run yet.</source>
        <translation>아직 실행하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="148"/>
        <source>Run state</source>
        <translation>실행 상태</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="158"/>
        <source>Diagnostic checks</source>
        <translation>진단 점검</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="159"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="159"/>
        <source>Check</source>
        <translation>점검</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="159"/>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="165"/>
        <source>Finding details</source>
        <translation>결과 세부 정보</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="177"/>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/diagnostics/panel.py" line="186"/>
        <source>Running %n check(s)…</source>
        <translation>
            <numerusform>점검 %n개 실행 중…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="191"/>
        <source>Stopped: the checks still running were interrupted; the others did not run.</source>
        <translation>중지됨: 실행 중이던 점검은 중단했고, 나머지는 실행하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="199"/>
        <location filename="../../console/diagnostics/panel.py" line="203"/>
        <source>Diagnostics stopped: %1</source>
        <translation>진단이 중단되었습니다: %1</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="212"/>
        <source>Re-running %1…</source>
        <translation>%1 다시 실행 중…</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="219"/>
        <source>Re-ran %1.</source>
        <translation>%1을(를) 다시 실행했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="235"/>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="246"/>
        <source> (+%1 more)</source>
        <translation> (외 %1개)</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="262"/>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="263"/>
        <source>warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="264"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="265"/>
        <source>could not check</source>
        <translation>점검 불가</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="271"/>
        <source>All checks are ok.</source>
        <translation>모든 점검이 정상입니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="272"/>
        <source>Done: warnings to look at.</source>
        <translation>완료: 확인할 경고가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="273"/>
        <source>Done: something has failed.</source>
        <translation>완료: 실패한 항목이 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/diagnostics/panel.py" line="274"/>
        <source>Done: some checks could not run.</source>
        <translation>완료: 일부 점검을 실행하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../console/escalation/pages.py" line="320"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="324"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="332"/>
        <source>The bundle ({size}) is queued for {destination}. The Escalations view shows its delivery; if HQ cannot be reached it is retried, also after a restart.</source>
        <translation>번들({size})이 {destination} 전송 대기열에 들어갔습니다. 에스컬레이션 보기에서 전달 상황을 볼 수 있습니다. 본사에 연결할 수 없으면 다시 시작한 뒤에도 재시도합니다.</translation>
    </message>
</context>
<context>
    <name>EndSessionDialog</name>
    <message>
        <location filename="../../console/session/end_dialog.py" line="58"/>
        <source>End session — {label}</source>
        <translation>세션 종료 — {label}</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="62"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="64"/>
        <source>Resolved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="65"/>
        <source>Workaround</source>
        <translation>임시 조치</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="66"/>
        <source>Escalated</source>
        <translation>본사에 전달</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="67"/>
        <source>Not resolved</source>
        <translation>해결되지 않음</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="71"/>
        <source>Outcome:</source>
        <translation>결과:</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="72"/>
        <source>Summary of the session</source>
        <translation>세션 요약</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="73"/>
        <source>What was wrong, what you did, what is left</source>
        <translation>무엇이 문제였는지, 무엇을 했는지, 무엇이 남았는지</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="75"/>
        <source>Summary:</source>
        <translation>요약:</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="79"/>
        <source>Ask the customer the survey in their agent</source>
        <translation>고객의 에이전트에서 설문 묻기</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="81"/>
        <source>Ask the customer the survey</source>
        <translation>고객에게 설문 묻기</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="90"/>
        <source>End or keep the session</source>
        <translation>세션 종료 또는 유지</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="93"/>
        <source>End the session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="94"/>
        <source>End session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="100"/>
        <source>The customer&apos;s answer (by phone)</source>
        <translation>고객의 답변 (전화)</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="103"/>
        <source>Not asked</source>
        <translation>묻지 않음</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="105"/>
        <source>Asked by phone</source>
        <translation>전화로 물음</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="113"/>
        <source>Is the problem solved?</source>
        <translation>문제가 해결되었나요?</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="114"/>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="115"/>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="116"/>
        <source>Solved, says the customer:</source>
        <translation>고객이 말한 해결 여부:</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="117"/>
        <source>Score from 0 to 10</source>
        <translation>0부터 10까지의 점수</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="119"/>
        <source>no score</source>
        <translation>점수 없음</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="121"/>
        <source>Score (0–10):</source>
        <translation>점수 (0–10):</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="122"/>
        <source>The customer&apos;s comment</source>
        <translation>고객 의견</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="123"/>
        <source>Comment:</source>
        <translation>의견:</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <location filename="../../console/app/errors.py" line="28"/>
        <source>list</source>
        <translation>목록 보기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="29"/>
        <source>read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="30"/>
        <source>write</source>
        <translation>쓰기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="31"/>
        <source>open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="32"/>
        <source>create the folder</source>
        <translation>폴더 만들기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="33"/>
        <source>rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="34"/>
        <source>delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="36"/>
        <source>list escalation bundles</source>
        <translation>에스컬레이션 번들 목록 보기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="37"/>
        <source>start campaigns</source>
        <translation>캠페인 시작</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="38"/>
        <source>follow campaigns</source>
        <translation>캠페인 추적</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="39"/>
        <source>set retention</source>
        <translation>보존 기간 설정</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="40"/>
        <source>place or release a legal hold</source>
        <translation>법적 보존 조치 설정 또는 해제</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="41"/>
        <source>purge records</source>
        <translation>기록 영구 삭제</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="42"/>
        <source>read the audit table</source>
        <translation>감사 기록 열람</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="45"/>
        <location filename="../../console/app/errors.py" line="53"/>
        <source>admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="46"/>
        <source>lead or admin</source>
        <translation>리드 또는 관리자</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="47"/>
        <source>hq or admin</source>
        <translation>본사 또는 관리자</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="50"/>
        <source>technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="51"/>
        <source>lead</source>
        <translation>리드</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="52"/>
        <source>hq</source>
        <translation>본사</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="56"/>
        <source>a folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="57"/>
        <source>a named pipe (FIFO)</source>
        <translation>명명된 파이프</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="58"/>
        <source>a socket</source>
        <translation>소켓</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="59"/>
        <source>a device</source>
        <translation>장치 파일</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="60"/>
        <source>not a regular file</source>
        <translation>일반 파일이 아닌 항목</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="63"/>
        <source>looking up the host name</source>
        <translation>호스트 이름 조회</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="64"/>
        <source>opening the TCP connection</source>
        <translation>TCP 연결 열기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="65"/>
        <source>waiting for the server&apos;s SSH greeting</source>
        <translation>서버의 SSH 인사 대기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="66"/>
        <source>agreeing on encryption (key exchange)</source>
        <translation>암호화 협상(키 교환)</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="67"/>
        <source>checking the host key</source>
        <translation>호스트 키 확인</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="68"/>
        <source>logging in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="69"/>
        <source>opening a channel</source>
        <translation>채널 열기</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="72"/>
        <source>answered HTTP, not SSH</source>
        <translation>SSH가 아니라 HTTP로 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="73"/>
        <source>answered with TLS (an encrypted service such as HTTPS), not SSH</source>
        <translation>SSH가 아니라 TLS(HTTPS 같은 암호화 서비스)로 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="74"/>
        <source>answered like a mail server (SMTP), not SSH</source>
        <translation>SSH가 아니라 메일 서버(SMTP)처럼 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="75"/>
        <source>answered like a file transfer server (FTP), not SSH</source>
        <translation>SSH가 아니라 파일 전송 서버(FTP)처럼 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="76"/>
        <source>answered like a mail or FTP server, not SSH</source>
        <translation>SSH가 아니라 메일 또는 FTP 서버처럼 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="77"/>
        <source>answered like a mail server (POP3), not SSH</source>
        <translation>SSH가 아니라 메일 서버(POP3)처럼 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="78"/>
        <source>answered like a mail server (IMAP), not SSH</source>
        <translation>SSH가 아니라 메일 서버(IMAP)처럼 응답했습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/errors.py" line="79"/>
        <source>answered VNC (remote desktop), not SSH</source>
        <translation>SSH가 아니라 VNC(원격 데스크톱)로 응답했습니다</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../console/app/error_texts.py" line="1114"/>
        <source>&apos;{spec}&apos; has an invalid port &apos;{text}&apos;.</source>
        <translation>&apos;{spec}&apos;의 포트 &apos;{text}&apos;이(가) 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1115"/>
        <source>Write the address as [user@]host[:port], with a port between 1 and 65535.</source>
        <translation>주소는 [사용자@]호스트[:포트] 형식으로, 포트는 1~65535 사이로 적어 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1120"/>
        <location filename="../../console/app/error_texts.py" line="1124"/>
        <source>&apos;{spec}&apos; is not a valid address.</source>
        <translation>&apos;{spec}&apos;은(는) 올바른 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1121"/>
        <source>Write it as [user@]host[:port], e.g. admin@nas.local:2222.</source>
        <translation>[사용자@]호스트[:포트] 형식으로 적어 주세요. 예: admin@nas.local:2222</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1125"/>
        <source>Write an IPv6 address with a port as [::1]:2222.</source>
        <translation>포트가 있는 IPv6 주소는 [::1]:2222처럼 적어 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="242"/>
        <source>&apos;{text}&apos; is not a session code.</source>
        <translation>&apos;{text}&apos;은(는) 세션 코드가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="15"/>
        <source>The data connection to the relay failed: {detail}.</source>
        <translation>릴레이와의 데이터 연결이 실패했습니다: {detail}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="16"/>
        <source>Try again; if it keeps failing, something between this computer and the relay interferes.</source>
        <translation>다시 시도해 주세요. 계속 실패하면 이 컴퓨터와 릴레이 사이의 무언가가 연결을 방해하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="22"/>
        <source>{index_path} is not a Valuezone archive index ({exc}).</source>
        <translation>{index_path}은(는) Valuezone 보관함 색인이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="23"/>
        <source>Pass the index file of the archive (DATA/review-index/…sqlite3), or leave --index out.</source>
        <translation>보관함의 색인 파일(DATA/review-index/…sqlite3)을 지정하거나 --index를 빼 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="28"/>
        <source>The index {index_path} cannot be opened ({exc}).</source>
        <translation>색인 {index_path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="36"/>
        <source>The archive index {path} was written by a newer Valuezone (index schema {version}).</source>
        <translation>보관함 색인 {path}은(는) 더 새로운 Valuezone이 작성했습니다(색인 스키마 {version}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="39"/>
        <source>Update Valuezone, or delete the index file: `valuezone review index` rebuilds it.</source>
        <translation>Valuezone을 업데이트하거나 색인 파일을 삭제하세요. `valuezone review index`가 다시 만듭니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="51"/>
        <source>The archive index cannot be opened ({exc}).</source>
        <translation>보관함 색인을 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="59"/>
        <source>The search {text!r} could not run ({exc}).</source>
        <translation>검색어 {text!r}(으)로 검색할 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="63"/>
        <source>Session {record_id} is not in the index.</source>
        <translation>세션 {record_id}이(가) 색인에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="64"/>
        <source>Index the archive again.</source>
        <translation>보관함을 다시 색인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="67"/>
        <source>The bundle holds an extended tar header of {mb}; at most {MAX_EXTENDED_HEADER} kB are accepted.</source>
        <translation>번들에 {mb} 크기의 확장 tar 헤더가 있습니다. 최대 {MAX_EXTENDED_HEADER} kB까지만 받습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="71"/>
        <location filename="../../console/app/error_texts.py" line="75"/>
        <location filename="../../console/app/error_texts.py" line="104"/>
        <location filename="../../console/app/error_texts.py" line="108"/>
        <location filename="../../console/app/error_texts.py" line="118"/>
        <location filename="../../console/app/error_texts.py" line="129"/>
        <location filename="../../console/app/error_texts.py" line="135"/>
        <location filename="../../console/app/error_texts.py" line="150"/>
        <location filename="../../console/app/error_texts.py" line="154"/>
        <location filename="../../console/app/error_texts.py" line="186"/>
        <location filename="../../console/app/error_texts.py" line="190"/>
        <source>Do not open it; ask the sender to build it again with Valuezone.</source>
        <translation>열지 말고, 보낸 사람에게 Valuezone으로 다시 만들어 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="74"/>
        <source>{path} holds {name!r} both as a file and as a folder.</source>
        <translation>{path}에 {name!r}이(가) 파일과 폴더로 모두 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="78"/>
        <source>{name}: {path} does not match its manifest entry (SHA-256 {digest}…, expected {sha256}…).</source>
        <translation>{name}: {path}이(가) 매니페스트 항목과 일치하지 않습니다(SHA-256 {digest}…, 예상 {sha256}…).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="82"/>
        <source>The bundle was changed or damaged after it was built; ask for it again.</source>
        <translation>번들이 만들어진 뒤 변경되었거나 손상되었습니다. 다시 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="87"/>
        <source>{name}: {path} is listed in the manifest but missing.</source>
        <translation>{name}: {path}이(가) 매니페스트에는 있지만 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="91"/>
        <source>{path} unpacks to more than {mb}: its files up to {name!r} alone take {declared:,} bytes.</source>
        <translation>{path}은(는) 풀면 {mb}를 넘습니다. {name!r}까지의 파일만으로도 {declared:,}바이트입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="95"/>
        <location filename="../../console/app/error_texts.py" line="175"/>
        <source>Do not open it; if it is genuine, ask the sender for a smaller bundle (lower log caps).</source>
        <translation>열지 마세요. 정상 번들이라면 보낸 사람에게 더 작은 번들을 요청하세요(로그 상한을 낮춰서).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="101"/>
        <source>{path} holds a chain of hundreds of extended tar headers, which no bundle has.</source>
        <translation>{path}에 확장 tar 헤더가 수백 개 연달아 있습니다. 정상 번들에는 없는 구조입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="107"/>
        <source>{_name} holds a tar header that asks to read {size} at once.</source>
        <translation>{_name}에 한 번에 {size}를 읽으라는 tar 헤더가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="111"/>
        <source>{path} is not a complete bundle ({exc}).</source>
        <translation>{path}은(는) 완전한 번들이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="112"/>
        <source>It was probably cut short in transfer; ask for it again.</source>
        <translation>전송 중에 잘린 것 같습니다. 다시 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="115"/>
        <source>The manifest of {path} is {size:,} bytes; a Valuezone manifest is far smaller.</source>
        <translation>{path}의 매니페스트가 {size:,}바이트입니다. Valuezone 매니페스트는 훨씬 작습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="121"/>
        <source>The manifest of {path} cannot be read ({exc}).</source>
        <translation>{path}의 매니페스트를 읽을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="125"/>
        <source>{path} holds a file name of {count:,} bytes with a part of {longest:,} bytes ({shown!r}); at most {max_name:,} bytes in all and {max_part} per folder or file name are accepted, as on common file systems.</source>
        <translation>{path}에 {count:,}바이트짜리 파일 이름이 있고, 그중 한 부분이 {longest:,}바이트입니다({shown!r}). 일반 파일 시스템처럼 전체 {max_name:,}바이트, 폴더 또는 파일 이름 하나당 {max_part}바이트까지만 받습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="132"/>
        <source>{path} holds {name!r} twice; a reader would see one copy and a check the other.</source>
        <translation>{path}에 {name!r}이(가) 두 번 들어 있습니다. 읽는 쪽과 검사하는 쪽이 서로 다른 사본을 보게 됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="138"/>
        <source>{path} has no manifest.json.</source>
        <translation>{path}에 manifest.json이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="139"/>
        <source>Ask the sender to build it again.</source>
        <translation>보낸 사람에게 다시 만들어 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="142"/>
        <source>manifest.json is not a Valuezone bundle manifest.</source>
        <translation>manifest.json이 Valuezone 번들 매니페스트가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="143"/>
        <source>Ask the sender to build the bundle again.</source>
        <translation>보낸 사람에게 번들을 다시 만들어 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="146"/>
        <source>The bundle holds {name!r}, which is not a regular file (a link, device or sparse file).</source>
        <translation>번들에 일반 파일이 아닌 {name!r}(링크, 장치 또는 희소 파일)이(가) 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="153"/>
        <source>The file name {member!r} points outside {folder}.</source>
        <translation>파일 이름 {member!r}이(가) {folder} 바깥을 가리킵니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="157"/>
        <source>{path} holds more than {max_members:,} files.</source>
        <translation>{path}에 파일이 {max_members:,}개보다 많습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="158"/>
        <source>Do not open it; a support bundle holds far fewer.</source>
        <translation>열지 마세요. 지원 번들의 파일 수는 훨씬 적습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="161"/>
        <source>The bundle uses manifest version {version}, newer than this Valuezone reads.</source>
        <translation>번들이 매니페스트 버전 {version}을(를) 씁니다. 이 Valuezone이 읽을 수 있는 것보다 새 버전입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="164"/>
        <source>Update Valuezone to open it.</source>
        <translation>열려면 Valuezone을 업데이트하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="167"/>
        <source>{name} holds files its manifest does not list: {files}.</source>
        <translation>{name}에 매니페스트에 없는 파일이 있습니다: {files}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="171"/>
        <source>{_name} unpacks to more than {mb} (it reached {mb_2}): it is either far larger than a support bundle or built to exhaust the receiver.</source>
        <translation>{_name}은(는) 풀면 {mb}를 넘습니다({mb_2}에 도달). 지원 번들보다 훨씬 크거나, 받는 쪽을 마비시키려고 만든 것입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="181"/>
        <source>{path} is not a readable bundle ({exc}).</source>
        <translation>{path}은(는) 읽을 수 있는 번들이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="185"/>
        <source>{_name} cannot be read from its end.</source>
        <translation>{_name}을(를) 끝에서부터 읽을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="189"/>
        <source>The bundle holds a file with an unsafe name ({name!r}).</source>
        <translation>번들에 안전하지 않은 이름의 파일이 있습니다({name!r}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="197"/>
        <source>No technician is connected to chat with yet.</source>
        <translation>아직 채팅할 기술자가 연결되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="217"/>
        <source>This relay&apos;s host key ({fingerprint}) is not the deployment&apos;s ({deployment}): relays sharing one database must present one host key.</source>
        <translation>이 릴레이의 호스트 키({fingerprint})가 배포의 호스트 키({deployment})와 다릅니다. 데이터베이스 하나를 함께 쓰는 릴레이는 같은 호스트 키를 제시해야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="221"/>
        <source>Start every relay with the same --host-key FILE (see docs/relay-cluster.md).</source>
        <translation>모든 릴레이를 같은 --host-key FILE로 시작하세요(docs/relay-cluster.md 참고).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="226"/>
        <source>The host key {path} is not an unencrypted OpenSSH private key ({exc}).</source>
        <translation>호스트 키 {path}이(가) 암호화되지 않은 OpenSSH 개인 키가 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="227"/>
        <source>Make one with `ssh-keygen -t ed25519 -N &apos;&apos; -f FILE`.</source>
        <translation>`ssh-keygen -t ed25519 -N &apos;&apos; -f FILE`로 만드세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="230"/>
        <source>The host key {path} can be read by other users of this machine.</source>
        <translation>이 컴퓨터의 다른 사용자가 호스트 키 {path}을(를) 읽을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="231"/>
        <source>Run `chmod 600 {path}`: whoever reads it can pose as a relay of this deployment.</source>
        <translation>`chmod 600 {path}`을(를) 실행하세요. 이 키를 읽는 사람은 누구나 이 배포의 릴레이로 위장할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="236"/>
        <source>The host key {path} cannot be read ({strerror}).</source>
        <translation>호스트 키 {path}을(를) 읽을 수 없습니다({strerror}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="237"/>
        <source>Make it once with `ssh-keygen -t ed25519 -N &apos;&apos; -f FILE` and copy it to every relay.</source>
        <translation>`ssh-keygen -t ed25519 -N &apos;&apos; -f FILE`로 한 번 만들고 모든 릴레이에 복사하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="243"/>
        <source>A session code is nine digits, like 482 913 557; ask the customer to read it again.</source>
        <translation>세션 코드는 482 913 557처럼 숫자 아홉 자리입니다. 고객에게 다시 읽어 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="248"/>
        <source>This code has a typo: its last digit does not match the others.</source>
        <translation>코드에 오타가 있습니다. 마지막 자리가 나머지 숫자와 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="249"/>
        <source>Ask the customer to read the code again, digit by digit.</source>
        <translation>고객에게 코드를 한 자리씩 다시 읽어 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="252"/>
        <source>The settings file {path} is not valid TOML ({exc}).</source>
        <translation>설정 파일 {path}이(가) 올바른 TOML이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="253"/>
        <source>Fix the line it names, or move the file away to start from the defaults.</source>
        <translation>표시된 줄을 고치거나, 파일을 다른 곳으로 옮기면 기본 설정으로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="258"/>
        <source>Refusing to write &apos;{where}{key}&apos; to the settings file.</source>
        <translation>&apos;{where}{key}&apos;은(는) 설정 파일에 쓰지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="259"/>
        <source>Secrets belong in the OS keyring (sessions.secrets), never in settings.toml.</source>
        <translation>비밀 정보는 설정 파일(settings.toml)이 아니라 OS 키링(sessions.secrets)에 보관합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="264"/>
        <location filename="../../console/app/error_texts.py" line="271"/>
        <source>{where} closed the connection while {phrase} ({reason}).</source>
        <translation>{where}이(가) 연결을 닫았습니다({phrase} 단계, {reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="265"/>
        <source>The SSH server ended the login (too many keys offered, or a limit on its side); check its log on the device, then try again.</source>
        <translation>SSH 서버가 로그인을 끝냈습니다(제시한 키가 너무 많거나 서버 쪽 제한). 장치에서 서버 로그를 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="272"/>
        <source>Try again; if it keeps happening, check the SSH server&apos;s log on the device.</source>
        <translation>다시 시도하세요. 계속 그러면 장치에서 SSH 서버 로그를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="277"/>
        <source>{place} accepted the connection and closed it without a word (no SSH greeting).</source>
        <translation>{place}이(가) 연결을 받은 뒤 아무 응답 없이 닫았습니다(SSH 인사 없음).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="280"/>
        <source>The SSH server may refuse this computer&apos;s address (TCP wrappers, fail2ban, a firewall rule) or be too busy (MaxStartups), or the port belongs to a service that is not SSH. Check the port and the SSH server&apos;s log on the device.</source>
        <translation>SSH 서버가 이 컴퓨터의 주소를 거부하거나(TCP wrappers, fail2ban, 방화벽 규칙) 너무 바쁘거나(MaxStartups), 이 포트가 SSH가 아닌 서비스의 포트일 수 있습니다. 포트와 장치의 SSH 서버 로그를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="286"/>
        <source>Connecting to {where} failed while {phrase}: {exc}.</source>
        <translation>{where}에 연결하는 중 실패했습니다({phrase} 단계): {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="290"/>
        <source>Connecting to {where} failed: {exc}.</source>
        <translation>{where}에 연결하지 못했습니다: {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="291"/>
        <source>Check the address and the network.</source>
        <translation>주소와 네트워크를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="294"/>
        <source>The relay or jump host could not reach {place}: {reason}.</source>
        <translation>릴레이 또는 점프 호스트가 {place}에 닿지 못했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="295"/>
        <source>Check the session code or address, and that the device is still connected.</source>
        <translation>세션 코드나 주소를 확인하고, 장치가 아직 연결되어 있는지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="300"/>
        <source>The key file {key_file} for {display} does not exist.</source>
        <translation>{display}용 키 파일 {key_file}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="301"/>
        <source>Choose an existing private key file (the one without .pub), or leave it empty.</source>
        <translation>있는 개인 키 파일(.pub이 없는 파일)을 고르거나 비워 두세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="306"/>
        <source>The key file {key_file} cannot be used ({exc}).</source>
        <translation>키 파일 {key_file}을(를) 사용할 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="307"/>
        <source>Choose an OpenSSH, PEM or PKCS#8 private key file that you can read.</source>
        <translation>읽을 수 있는 OpenSSH, PEM 또는 PKCS#8 개인 키 파일을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="310"/>
        <source>{where} refused to let user &apos;{user}&apos; log in (tried: {tried}).</source>
        <translation>{where}이(가) 사용자 &apos;{user}&apos;의 로그인을 거부했습니다(시도한 방법: {tried}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="311"/>
        <source>Check the user name and the password, or that the key is in the device&apos;s ~/.ssh/authorized_keys for that user.</source>
        <translation>사용자 이름과 비밀번호를 확인하거나, 키가 장치에서 그 사용자의 ~/.ssh/authorized_keys에 있는지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="317"/>
        <source>The name &apos;{host}&apos; could not be resolved ({exc}).</source>
        <translation>이름 &apos;{host}&apos;을(를) 찾을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="318"/>
        <source>Check the spelling of the host name, or use its IP address; check this computer&apos;s DNS.</source>
        <translation>호스트 이름의 철자를 확인하거나 IP 주소를 쓰세요. 이 컴퓨터의 DNS도 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="323"/>
        <source>{where} and Valuezone share no encryption method ({reason}).</source>
        <translation>{where}와(과) Valuezone이 함께 쓸 수 있는 암호화 방식이 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="324"/>
        <source>The device&apos;s SSH server is probably very old; update it or enable modern algorithms.</source>
        <translation>장치의 SSH 서버가 매우 오래된 것 같습니다. 업데이트하거나 최신 알고리즘을 켜세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="329"/>
        <source>{where} answered{quoted}, which is not an SSH greeting.</source>
        <translation>{where}이(가) 응답했지만{quoted} SSH 인사가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="330"/>
        <location filename="../../console/app/error_texts.py" line="341"/>
        <source>Is the port right? SSH is usually 22; a device&apos;s web page (80, 443, 5000, 8080) is not its SSH port.</source>
        <translation>포트가 맞습니까? SSH는 보통 22번입니다. 장치의 웹 페이지 포트(80, 443, 5000, 8080)는 SSH 포트가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="336"/>
        <source>not SSH</source>
        <translation>SSH가 아님</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="340"/>
        <source>{where} {service}{quoted}.</source>
        <translation>{where}이(가) {service}{quoted}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="347"/>
        <source>Permission denied ({tries} tries): {place} refused the password of user &apos;{user}&apos; {tries} times.</source>
        <translation>권한 거부({tries}회 시도): {place}이(가) 사용자 &apos;{user}&apos;의 비밀번호를 {tries}번 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="351"/>
        <source>Check the user name and the password with the customer (Caps Lock, keyboard layout); the account may also be locked after failed logins. Connect again to try again.</source>
        <translation>고객과 함께 사용자 이름과 비밀번호를 확인하세요(Caps Lock, 자판 배열). 로그인 실패가 반복되어 계정이 잠겼을 수도 있습니다. 다시 연결해서 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="357"/>
        <source>{where} refused the connection: nothing is listening on port {port}.</source>
        <translation>{where}이(가) 연결을 거부했습니다. 포트 {port}에서 기다리는 서비스가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="358"/>
        <source>Check the port number and that the SSH service is running on the device.</source>
        <translation>포트 번호와 장치에서 SSH 서비스가 실행 중인지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="363"/>
        <source>{where} speaks only the old SSH protocol 1{quoted}, which is not safe; Valuezone speaks SSH 2.</source>
        <translation>{where}은(는) 안전하지 않은 옛 SSH 프로토콜 1만 지원합니다{quoted}. Valuezone은 SSH 2를 씁니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="367"/>
        <source>Enable SSH protocol 2 on the device, or update its SSH server.</source>
        <translation>장치에서 SSH 프로토콜 2를 켜거나 SSH 서버를 업데이트하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="370"/>
        <source>{where} did not answer the connection request within {seconds} s.</source>
        <translation>{where}이(가) {seconds}초 안에 연결 요청에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="371"/>
        <source>Check that the address is right and that the device is on and reachable from here; a firewall that drops packets looks like this.</source>
        <translation>주소가 맞는지, 장치가 켜져 있고 여기서 닿을 수 있는지 확인하세요. 패킷을 버리는 방화벽도 이렇게 보입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="377"/>
        <source>{where} accepted the connection but said nothing within {seconds} s: an SSH server greets at once.</source>
        <translation>{where}이(가) 연결을 받았지만 {seconds}초 동안 아무 말도 하지 않았습니다. SSH 서버는 곧바로 인사합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="381"/>
        <location filename="../../console/app/error_texts.py" line="391"/>
        <source>Is the port right? SSH is usually 22; a device&apos;s web page (80, 443, 5000, 8080) is not its SSH port. If it is, the SSH server on the device is hung or overloaded: restart it.</source>
        <translation>포트가 맞습니까? SSH는 보통 22번입니다. 장치의 웹 페이지 포트(80, 443, 5000, 8080)는 SSH 포트가 아닙니다. 포트가 맞다면 장치의 SSH 서버가 멈췄거나 과부하 상태이니 다시 시작하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="387"/>
        <source>{where} accepted the connection but said nothing within {seconds} s: an SSH server greets at once. It said “{sample}”.</source>
        <translation>{where}이(가) 연결을 받았지만 {seconds}초 동안 SSH 인사를 하지 않았습니다. SSH 서버는 곧바로 인사합니다. 보낸 내용: “{sample}”.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="397"/>
        <source>{where}{server} stopped answering while {phrase}; gave up after {seconds} s.</source>
        <translation>{where}{server}이(가) {phrase} 중에 응답을 멈췄습니다. {seconds}초 뒤 포기했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="400"/>
        <source>The device or the link may be overloaded; try again, and check the SSH server&apos;s log.</source>
        <translation>장치나 연결이 과부하일 수 있습니다. 다시 시도하고 SSH 서버 로그를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="405"/>
        <source>{where} cannot be reached: {exc}.</source>
        <translation>{where}에 닿을 수 없습니다: {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="406"/>
        <source>Check the address, this computer&apos;s network connection and any VPN the device needs.</source>
        <translation>주소, 이 컴퓨터의 네트워크 연결, 장치에 필요한 VPN을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="428"/>
        <source>The bundle file {path} is missing or was changed since it was queued.</source>
        <translation>번들 파일 {path}이(가) 없거나 대기열에 넣은 뒤 변경되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="429"/>
        <source>Build the bundle again and send the new one.</source>
        <translation>번들을 다시 만들어 새 번들을 보내세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="432"/>
        <source>{exc} It was tried {attempts} times.</source>
        <translation>{exc} {attempts}번 시도했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="433"/>
        <source>Check the destination, then Retry.</source>
        <translation>보낼 곳을 확인한 뒤 다시 시도를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="436"/>
        <source>The upload to {where} was interrupted ({kind}: {exc}).</source>
        <translation>{where}(으)로의 업로드가 중단되었습니다({kind}: {exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="437"/>
        <source>It is retried later.</source>
        <translation>나중에 다시 시도합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="440"/>
        <source>No token for {origin} is stored.</source>
        <translation>{origin}의 토큰이 저장되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="441"/>
        <source>Ask HQ for a token and store it with `valuezone escalate token URL`, then choose Retry.</source>
        <translation>본사에 토큰을 요청해 `valuezone escalate token URL`로 저장한 뒤 다시 시도를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="447"/>
        <source>{where} refused this bundle for good (HTTP {status}): {said}</source>
        <translation>{where}이(가) 이 번들을 영구히 거부했습니다(HTTP {status}): {said}</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="448"/>
        <source>Sending it again cannot help: build a new bundle with Valuezone and send that one.</source>
        <translation>다시 보내도 소용없습니다. Valuezone으로 새 번들을 만들어 보내세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="453"/>
        <source>Delivery failed unexpectedly ({kind}).</source>
        <translation>전달이 예기치 않게 실패했습니다({kind}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="457"/>
        <source>{where} presented a certificate this computer does not trust ({verify_message}).</source>
        <translation>{where}이(가) 이 컴퓨터가 신뢰하지 않는 인증서를 제시했습니다({verify_message}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="460"/>
        <source>Check the address, or configure HQ&apos;s CA certificate for this destination.</source>
        <translation>주소를 확인하거나, 이 보낼 곳에 본사의 CA 인증서를 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="465"/>
        <source>{where} confirmed bundle {bundle_id} with SHA-256 {sha256}…, but this bundle is {bundle_id_2} with SHA-256 {sha256_2}….</source>
        <translation>{where}이(가) 번들 {bundle_id}(SHA-256 {sha256}…)을(를) 확인했지만, 이 번들은 {bundle_id_2}(SHA-256 {sha256_2}…)입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="469"/>
        <source>HQ holds a different file under this id; ask HQ to check their inbox before retrying.</source>
        <translation>본사가 이 id로 다른 파일을 갖고 있습니다. 다시 시도하기 전에 본사에 수신함을 확인해 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="474"/>
        <source>The folder name {text!r} holds a control character.</source>
        <translation>폴더 이름 {text!r}에 제어 문자가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="475"/>
        <source>Type the folder name again without it.</source>
        <translation>제어 문자 없이 폴더 이름을 다시 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="500"/>
        <source>A folder needs a name.</source>
        <translation>폴더에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="501"/>
        <source>Type a name, e.g. Acme or Acme/Building 2.</source>
        <translation>이름을 입력하세요. 예: Acme 또는 Acme/Building 2.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="516"/>
        <source>The {where} needs an id of lowercase letters, digits and dashes.</source>
        <translation>{where}에는 영문 소문자, 숫자, 대시로 된 id가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="520"/>
        <source>The {where} has an invalid item pattern: {exc}.</source>
        <translation>{where}의 항목 패턴이 올바르지 않습니다: {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="524"/>
        <source>The {where} must use {placeholder} in its commands exactly when it has for_each.</source>
        <translation>{where}은(는) for_each가 있을 때만, 그리고 그때는 반드시 명령에 {placeholder}을(를) 써야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="530"/>
        <location filename="../../console/app/error_texts.py" line="546"/>
        <source>The diagnostics profile &apos;{name}&apos; is not valid TOML: {exc}.</source>
        <translation>진단 프로필 &apos;{name}&apos;이(가) 올바른 TOML이 아닙니다: {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="534"/>
        <source>The diagnostics profile &apos;{name}&apos; extends itself.</source>
        <translation>진단 프로필 &apos;{name}&apos;이(가) 자기 자신을 확장합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="538"/>
        <source>The {where} has no commands.</source>
        <translation>{where}에 명령이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="550"/>
        <source>The diagnostics profile &apos;{name}&apos; extends itself ({chain}).</source>
        <translation>진단 프로필 &apos;{name}&apos;이(가) 자기 자신을 확장합니다({chain}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="554"/>
        <source>Refusing to write raw output for the odd check id {check!r}.</source>
        <translation>이상한 점검 id {check!r}의 원시 출력은 쓰지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="558"/>
        <source>{name} is cut short (a command&apos;s output is incomplete).</source>
        <translation>{name}이(가) 잘렸습니다(명령 출력이 완전하지 않음).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="562"/>
        <source>{name} ends in the middle of a record.</source>
        <translation>{name}이(가) 레코드 중간에서 끝납니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="566"/>
        <source>{name} is damaged near byte {pos}.</source>
        <translation>{name}이(가) {pos}바이트 근처에서 손상되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="570"/>
        <source>{name}: expected &apos;{key}:&apos; near byte {pos}, found {found!r}.</source>
        <translation>{name}: {pos}바이트 근처에 &apos;{key}:&apos;이(가) 있어야 하는데 {found!r}이(가) 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="574"/>
        <source>There are no &lt;check&gt;.out files in {folder}.</source>
        <translation>{folder}에 &lt;check&gt;.out 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="575"/>
        <source>Point --offline at the diagnostics/raw folder of a bundle or of an earlier run.</source>
        <translation>--offline에 번들이나 이전 실행의 diagnostics/raw 폴더를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="580"/>
        <source>{folder} is not a folder of diagnostics raw outputs.</source>
        <translation>{folder}은(는) 진단 원시 출력 폴더가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="584"/>
        <source>{name} is not a Valuezone diagnostics raw output file.</source>
        <translation>{name}은(는) Valuezone 진단 원시 출력 파일이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="588"/>
        <source>The profile &apos;{name}&apos; has no check &apos;{check_id}&apos;.</source>
        <translation>프로필 &apos;{name}&apos;에 점검 &apos;{check_id}&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="589"/>
        <source>Its checks are: {checks}.</source>
        <translation>이 프로필의 점검: {checks}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="592"/>
        <source>The {where} names an unknown item list &apos;{items}&apos;.</source>
        <translation>{where}이(가) 알 수 없는 항목 목록 &apos;{items}&apos;을(를) 가리킵니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="597"/>
        <source>Use one of: {profiles}.</source>
        <translation>다음 중 하나를 쓰세요: {profiles}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="600"/>
        <source>The {where} names an unknown parser &apos;{parser}&apos;.</source>
        <translation>{where}이(가) 알 수 없는 파서 &apos;{parser}&apos;을(를) 가리킵니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="601"/>
        <source>Known: {parsers}.</source>
        <translation>알려진 파서: {parsers}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="608"/>
        <source>&apos;{url}&apos; is not an HQ destination Valuezone can deliver to.</source>
        <translation>&apos;{url}&apos;은(는) Valuezone이 보낼 수 있는 본사 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="609"/>
        <location filename="../../console/app/error_texts.py" line="615"/>
        <location filename="../../console/app/error_texts.py" line="666"/>
        <source>Write it as sftp://user@host[:port]/folder or https://host[:port]/bundles.</source>
        <translation>sftp://user@host[:port]/folder 또는 https://host[:port]/bundles 형식으로 적어 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="614"/>
        <source>&apos;{url}&apos; has an invalid port.</source>
        <translation>&apos;{url}&apos;의 포트가 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="644"/>
        <source>The outbox {path} was written by a newer Valuezone (schema {version}).</source>
        <translation>보낼 편지함 {path}은(는) 더 새로운 Valuezone이 작성했습니다(스키마 {version}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="645"/>
        <source>Update Valuezone; the queued bundles are left as they are.</source>
        <translation>Valuezone을 업데이트하세요. 대기 중인 번들은 그대로 둡니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="648"/>
        <source>The outbox {path} cannot be opened ({exc}).</source>
        <translation>보낼 편지함 {path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="649"/>
        <source>Check the disk and the file&apos;s permissions; queued bundles are kept in it.</source>
        <translation>디스크와 파일 권한을 확인하세요. 대기 중인 번들은 그 안에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="665"/>
        <source>The SFTP destination &apos;{url}&apos; names no user.</source>
        <translation>SFTP 보낼 곳 &apos;{url}&apos;에 사용자가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="677"/>
        <source>Too many device files are named like {remote!r}.</source>
        <translation>{remote!r}와(과) 비슷한 이름의 장치 파일이 너무 많습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="681"/>
        <source>Could not {what} {path}: the connection failed ({reason}).</source>
        <translation>{path} {what}을(를) 하지 못했습니다. 연결이 실패했습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="682"/>
        <source>Check that the session is still connected, then try again.</source>
        <translation>세션이 아직 연결되어 있는지 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="685"/>
        <source>Could not {what} {path}: the device said {reason}.</source>
        <translation>{path} {what}을(를) 하지 못했습니다. 장치의 응답: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="686"/>
        <location filename="../../console/app/error_texts.py" line="710"/>
        <source>Refresh the folder and try again.</source>
        <translation>폴더를 새로 고친 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="689"/>
        <source>Could not delete the folder {path}: the device said {reason}.</source>
        <translation>폴더 {path}을(를) 삭제하지 못했습니다. 장치의 응답: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="690"/>
        <source>Only an empty folder can be deleted here: delete what is in it first.</source>
        <translation>여기서는 빈 폴더만 삭제할 수 있습니다. 안의 내용을 먼저 삭제하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="693"/>
        <source>Could not read {path}: {reason}.</source>
        <translation>{path}을(를) 읽지 못했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="694"/>
        <source>Check the file and try again.</source>
        <translation>파일을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="697"/>
        <source>Could not write {path}: {reason}.</source>
        <translation>{path}에 쓰지 못했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="698"/>
        <source>Check the folder (free space, permissions), or choose another one.</source>
        <translation>폴더(남은 공간, 권한)를 확인하거나 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="701"/>
        <source>{path} already exists.</source>
        <translation>{path}이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="702"/>
        <source>Choose another name.</source>
        <translation>다른 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="705"/>
        <source>Could not create a file in {parent}.</source>
        <translation>{parent}에 파일을 만들지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="706"/>
        <location filename="../../console/app/error_texts.py" line="746"/>
        <source>Choose another folder.</source>
        <translation>다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="709"/>
        <source>Could not {what} {path}: it is not there (any more).</source>
        <translation>{path} {what}을(를) 하지 못했습니다. (이제는) 그곳에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="713"/>
        <source>{path} is not a file or folder ({mode}).</source>
        <translation>{path}은(는) 파일이나 폴더가 아닙니다({mode}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="714"/>
        <source>Only files and folders can be copied.</source>
        <translation>파일과 폴더만 복사할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="717"/>
        <source>{path} is not a folder.</source>
        <translation>{path}은(는) 폴더가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="721"/>
        <source>{path} is not a file or folder here.</source>
        <translation>{path}은(는) 이 컴퓨터에 있는 파일이나 폴더가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="722"/>
        <source>Choose files or folders to upload.</source>
        <translation>올릴 파일이나 폴더를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="725"/>
        <source>The device refused to {what} {path}: permission denied.</source>
        <translation>장치가 {path} {what}을(를) 거부했습니다. 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="726"/>
        <source>The account you logged in with may not do this; ask the customer, or use another account.</source>
        <translation>로그인한 계정에는 이 권한이 없을 수 있습니다. 고객에게 문의하거나 다른 계정을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="732"/>
        <source>The device refused to {what} {path}: {reason}.</source>
        <translation>장치가 {path} {what}을(를) 거부했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="733"/>
        <source>The customer allowed diagnostics only: files can be read, not changed. Ask them to start a session with the full scope if you need to change files.</source>
        <translation>고객이 진단만 허용했습니다. 파일을 읽을 수는 있지만 바꿀 수는 없습니다. 파일을 바꿔야 하면 고객에게 전체 범위로 세션을 시작해 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="745"/>
        <source>Too many files named like {name} in {folder}.</source>
        <translation>{folder}에 {name}와(과) 비슷한 이름의 파일이 너무 많습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="749"/>
        <source>The name {name!r} would be written outside {folder}; it was not copied.</source>
        <translation>이름 {name!r}은(는) {folder} 바깥에 쓰이게 되므로 복사하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="752"/>
        <source>Report this device&apos;s file name to your administrator.</source>
        <translation>이 장치의 파일 이름을 관리자에게 알리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="755"/>
        <source>The host key of {name} has CHANGED: it is now {kind} {fp}, but {location} holds {fingerprint}. Someone may be intercepting this connection (a man-in-the-middle attack), or the device was reinstalled or replaced. The connection was refused.</source>
        <translation>{name}의 호스트 키가 바뀌었습니다. 지금은 {kind} {fp}이지만 {location}에는 {fingerprint}이(가) 있습니다. 누군가 이 연결을 가로채고 있거나(중간자 공격), 장치를 다시 설치했거나 교체했을 수 있습니다. 연결을 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="759"/>
        <source>Verify the new fingerprint with the customer by another channel; if it is right, remove the old line from {location} (e.g. `ssh-keygen -R &apos;{name}&apos; -f {file}`) and connect again.</source>
        <translation>다른 경로로 고객과 새 지문을 확인하세요. 맞다면 {location}에서 예전 줄을 지우고(예: `ssh-keygen -R &apos;{name}&apos; -f {file}`) 다시 연결하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="765"/>
        <source>You did not accept the host key of {host_display} ({key_type} {fingerprint}); the connection was closed.</source>
        <translation>{host_display}의 호스트 키({key_type} {fingerprint})를 수락하지 않아 연결을 닫았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="769"/>
        <source>Compare the fingerprint with the one the customer reads from the device, then connect again.</source>
        <translation>고객이 장치에서 읽어 주는 지문과 비교한 뒤 다시 연결하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="775"/>
        <source>The relay at {host_port} shows a different host key than before ({fingerprint}). Someone may be intercepting the connection, or the relay was reinstalled. Nothing was sent.</source>
        <translation>{host_port}의 릴레이가 전과 다른 호스트 키({fingerprint})를 보여 줍니다. 누군가 연결을 가로채고 있거나 릴레이를 다시 설치했을 수 있습니다. 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="779"/>
        <source>Ask the relay&apos;s administrator for the relay&apos;s fingerprint (`valuezone relay` prints it when it starts); if it is this one, remove the old line from {where} and join again.</source>
        <translation>릴레이 관리자에게 릴레이의 지문을 물어보세요(`valuezone relay`가 시작할 때 출력합니다). 이 지문이 맞다면 {where}에서 예전 줄을 지우고 다시 참여하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="785"/>
        <source>The host key of {host} ({kind} {fingerprint}) is marked as revoked in known_hosts.</source>
        <translation>{host}의 호스트 키({kind} {fingerprint})는 known_hosts에 폐기된 키로 표시되어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="788"/>
        <source>Do not connect; ask the device&apos;s administrator for a new host key.</source>
        <translation>연결하지 마세요. 장치 관리자에게 새 호스트 키를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="791"/>
        <source>The authenticity of host &apos;{host_display}&apos; can&apos;t be established: its {key_type} key fingerprint is {fingerprint} and nobody confirmed it.</source>
        <translation>호스트 &apos;{host_display}&apos;의 진위를 확인할 수 없습니다. {key_type} 키 지문은 {fingerprint}인데 아무도 확인하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="795"/>
        <source>Check the fingerprint with the customer, then re-run with --accept-new (command line) or confirm it in the console.</source>
        <translation>고객과 지문을 확인한 뒤 --accept-new로 다시 실행하거나(명령줄) 콘솔에서 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="801"/>
        <source>The host key of {host} could not be verified.</source>
        <translation>{host}의 호스트 키를 검증할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="805"/>
        <source>Cannot listen on {host}:{port} ({exc}):</source>
        <translation>{host}:{port}에서 연결을 기다릴 수 없습니다({exc}):</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="806"/>
        <source>check {option}.</source>
        <translation>{option}을(를) 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="809"/>
        <source>{where} is in use ({who}):</source>
        <translation>{where}은(는) 사용 중입니다({who}):</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="810"/>
        <source>stop it or choose another {option} port.</source>
        <translation>그것을 멈추거나 다른 {option} 포트를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="813"/>
        <source>The address {host!r} to listen on cannot be resolved ({exc}):</source>
        <translation>연결을 기다릴 주소 {host!r}을(를) 찾을 수 없습니다({exc}):</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="814"/>
        <source>give an address of this machine, or 0.0.0.0 for all, in {option}.</source>
        <translation>{option}에 이 컴퓨터의 주소를 주거나, 모든 주소라면 0.0.0.0을 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="817"/>
        <source>{host} is not an address of this machine:</source>
        <translation>{host}은(는) 이 컴퓨터의 주소가 아닙니다:</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="818"/>
        <source>give one of its addresses, or 0.0.0.0 for all, in {option}.</source>
        <translation>{option}에 이 컴퓨터의 주소 중 하나를 주거나, 모든 주소라면 0.0.0.0을 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="821"/>
        <source>{where} may not be used by this user (ports below 1024 need privileges):</source>
        <translation>이 사용자는 {where}을(를) 쓸 수 없습니다(1024 미만 포트는 권한이 필요합니다):</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="824"/>
        <source>choose a port above 1023 in {option}, or give this program the right to bind it.</source>
        <translation>{option}에 1023보다 큰 포트를 고르거나, 이 프로그램에 그 포트를 쓸 권한을 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="829"/>
        <source>The push outbox {path} was written by a newer Valuezone.</source>
        <translation>푸시 보낼 편지함 {path}은(는) 더 새로운 Valuezone이 작성했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="830"/>
        <location filename="../../console/app/error_texts.py" line="1293"/>
        <location filename="../../console/app/error_texts.py" line="1313"/>
        <source>Update Valuezone.</source>
        <translation>Valuezone을 업데이트하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="833"/>
        <source>The push outbox {path} cannot be opened ({exc}).</source>
        <translation>푸시 보낼 편지함 {path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="834"/>
        <source>Check the data folder&apos;s free space and permissions.</source>
        <translation>데이터 폴더의 남은 공간과 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="865"/>
        <source>{name} cannot be opened ({exc}).</source>
        <translation>{name}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="866"/>
        <location filename="../../console/app/error_texts.py" line="911"/>
        <location filename="../../console/app/error_texts.py" line="918"/>
        <source>Run `valuezone verify` on the record folder; keep this copy as evidence and compare a backup.</source>
        <translation>기록 폴더에 `valuezone verify`를 실행하세요. 이 사본은 증거로 보관하고 백업과 비교하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="872"/>
        <source>terminal.cast is empty.</source>
        <translation>terminal.cast가 비어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="873"/>
        <location filename="../../console/app/error_texts.py" line="963"/>
        <source>Run `valuezone verify` on the folder.</source>
        <translation>폴더에 `valuezone verify`를 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="876"/>
        <source>The cast header is not a JSON object.</source>
        <translation>cast 헤더가 JSON 객체가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="880"/>
        <source>terminal.cast line {number} is not a [time, code, data] entry.</source>
        <translation>terminal.cast의 {number}번째 줄이 [time, code, data] 항목이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="881"/>
        <location filename="../../console/app/error_texts.py" line="893"/>
        <location filename="../../console/app/error_texts.py" line="903"/>
        <source>Run `valuezone verify` on the record folder to see whether it was altered.</source>
        <translation>기록 폴더에 `valuezone verify`를 실행해 변조되었는지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="886"/>
        <source>The session of {folder} has ended; a {type_} event cannot be added after its end.</source>
        <translation>{folder}의 세션은 끝났습니다. 끝난 뒤에는 {type_} 이벤트를 추가할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="889"/>
        <source>After the end a record takes only {allowed}.</source>
        <translation>끝난 기록에는 {allowed}만 추가할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="892"/>
        <source>events.jsonl line {number} is not a JSON object.</source>
        <translation>events.jsonl의 {number}번째 줄이 JSON 객체가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="898"/>
        <source>A record for session {session_id} already exists at {folder}.</source>
        <translation>세션 {session_id}의 기록이 이미 {folder}에 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="899"/>
        <source>Start the session with a new id; records are never overwritten.</source>
        <translation>새 id로 세션을 시작하세요. 기록은 절대 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="902"/>
        <source>{name} line {number} is not valid JSON ({exc}).</source>
        <translation>{name}의 {number}번째 줄이 올바른 JSON이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="908"/>
        <source>Line {number} of {name} is longer than {limit} MiB: no record line is that long.</source>
        <translation>{name}의 {number}번째 줄이 {limit} MiB보다 깁니다. 그렇게 긴 기록 줄은 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="917"/>
        <source>{name} is larger than {limit} MiB: it is not a session summary.</source>
        <translation>{name}이(가) {limit} MiB보다 큽니다. 세션 요약이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="930"/>
        <source>{path} is {kind} where a file should be.</source>
        <translation>파일이 있어야 할 {path}이(가) {kind}입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="931"/>
        <source>A record folder holds plain files only; this one was altered or is not a record.</source>
        <translation>기록 폴더에는 일반 파일만 있습니다. 이 폴더는 변조되었거나 기록이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="936"/>
        <source>{folder} is not a Valuezone record: it has no {file}.</source>
        <translation>{folder}은(는) Valuezone 기록이 아닙니다. {file}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="937"/>
        <source>Pass the folder of one session (ARCHIVE/YYYY/MM/DD/&lt;session&gt;).</source>
        <translation>세션 하나의 폴더(ARCHIVE/YYYY/MM/DD/&lt;session&gt;)를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="940"/>
        <source>{path} is a symbolic link (to {target}), not a file of the record.</source>
        <translation>{path}은(는) 기록의 파일이 아니라 ({target}을(를) 가리키는) 심볼릭 링크입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="941"/>
        <source>A record folder holds plain files only; links are never followed, so nothing outside the record is read. Replace the link with the file itself if this record is genuine.</source>
        <translation>기록 폴더에는 일반 파일만 있습니다. 링크는 따라가지 않으므로 기록 밖의 어떤 것도 읽지 않습니다. 정상 기록이라면 링크를 파일 자체로 바꾸세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="956"/>
        <source>{folder} cannot be read ({exc}).</source>
        <translation>{folder}을(를) 읽을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="957"/>
        <source>Run `valuezone verify` on the record folder.</source>
        <translation>기록 폴더에 `valuezone verify`를 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="960"/>
        <source>{folder} line {number} cannot be read ({problem}), so nothing can be appended.</source>
        <translation>{folder}의 {number}번째 줄을 읽을 수 없어({problem}) 아무것도 덧붙일 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="966"/>
        <source>Cannot update the record {folder} ({exc}).</source>
        <translation>기록 {folder}을(를) 갱신할 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="976"/>
        <source>The redaction rule &apos;{rule_id}&apos; has a broken pattern or trigger ({exc}).</source>
        <translation>가림 규칙 &apos;{rule_id}&apos;의 패턴 또는 트리거가 잘못되었습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="979"/>
        <source>Fix the pattern in redaction.toml; nothing is redacted with a broken rule set.</source>
        <translation>redaction.toml의 패턴을 고치세요. 규칙이 잘못되어 있으면 아무것도 가리지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="984"/>
        <source>The redaction rules cannot be read ({exc}).</source>
        <translation>가림 규칙을 읽을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="985"/>
        <source>Each [[rule]] needs id, pattern and triggers; see the comments in redaction.toml.</source>
        <translation>[[rule]]마다 id, pattern, triggers가 필요합니다. redaction.toml의 주석을 보세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="990"/>
        <source>The redaction rule &apos;{rule_id}&apos; uses an unknown fragment {{{{{name}}}}}.</source>
        <translation>가림 규칙 &apos;{rule_id}&apos;이(가) 알 수 없는 조각 {{{{{name}}}}}을(를) 씁니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="993"/>
        <source>Define it under [fragments] in redaction.toml; known: {fragments}.</source>
        <translation>redaction.toml의 [fragments] 아래에 정의하세요. 알려진 조각: {fragments}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="996"/>
        <source>Unknown optional redaction rule(s): {unknown}.</source>
        <translation>알 수 없는 선택 가림 규칙: {unknown}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="997"/>
        <source>Optional rules are: {optional}.</source>
        <translation>선택 규칙: {optional}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1000"/>
        <source>The relay {host_port} presents a different host key than the relay this session started on: it is not part of the same support service, so nothing was sent to it.</source>
        <translation>릴레이 {host_port}이(가) 이 세션을 시작한 릴레이와 다른 호스트 키를 제시합니다. 같은 지원 서비스에 속하지 않으므로 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1004"/>
        <source>Tell your support team; someone may be intercepting the connection.</source>
        <translation>지원 팀에 알리세요. 누군가 연결을 가로채고 있을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1007"/>
        <source>The customer&apos;s side showed a host key ({kind} {shown}) other than the one the relay named for this code ({named}). Someone between you and the customer may be posing as it. Nothing was sent.</source>
        <translation>고객 쪽이 릴레이가 이 코드에 대해 알려 준 호스트 키({named})와 다른 호스트 키({kind} {shown})를 보였습니다. 기술자와 고객 사이의 누군가가 고객 쪽을 사칭하고 있을 수 있습니다. 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1011"/>
        <source>Join again; if it happens again, tell the relay&apos;s administrator and the customer.</source>
        <translation>다시 참여하세요. 다시 일어나면 릴레이 관리자와 고객에게 알리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1016"/>
        <source>The relay at {host_port} does not list this technician key ({fingerprint}).</source>
        <translation>{host_port}의 릴레이 목록에 이 기술자 키({fingerprint})가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1019"/>
        <source>Send this public key line to the relay&apos;s administrator, who adds it to the relay&apos;s technicians file, then join again: {line}</source>
        <translation>이 공개 키 줄을 릴레이 관리자에게 보내 릴레이의 기술자 파일에 추가해 달라고 한 뒤 다시 참여하세요: {line}</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1025"/>
        <source>The relay {host_port} turned this connection away: {reason}.</source>
        <translation>릴레이 {host_port}이(가) 이 연결을 돌려보냈습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1029"/>
        <source>The connection to the relay was lost while joining ({exc}).</source>
        <translation>참여하는 중에 릴레이와의 연결이 끊어졌습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1030"/>
        <source>Check the network, then join again.</source>
        <translation>네트워크를 확인한 뒤 다시 참여하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1040"/>
        <source>The relay {host_port} did not hand out a session code ({exc}).</source>
        <translation>릴레이 {host_port}이(가) 세션 코드를 발급하지 않았습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1041"/>
        <source>Check the relay address; if it is right, the relay may be overloaded: try again soon.</source>
        <translation>릴레이 주소를 확인하세요. 주소가 맞다면 릴레이가 과부하일 수 있으니 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1046"/>
        <source>None of the relays answered: {tried}.</source>
        <translation>응답한 릴레이가 없습니다: {tried}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1047"/>
        <source>Check the network; if it works, the relays may be down: tell their administrator.</source>
        <translation>네트워크를 확인하세요. 네트워크가 정상이면 릴레이가 꺼져 있을 수 있습니다. 릴레이 관리자에게 알리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1056"/>
        <source>The relay did not take this session&apos;s data connection: {detail}.</source>
        <translation>릴레이가 이 세션의 데이터 연결을 받지 않았습니다: {detail}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1057"/>
        <source>Join again. If it happens again, something between you and the relay is interfering (it may have used your one-time token first): tell the relay&apos;s administrator.</source>
        <translation>다시 참여하세요. 다시 일어나면 기술자와 릴레이 사이의 무언가가 방해하고 있는 것입니다(일회용 토큰을 먼저 썼을 수 있습니다). 릴레이 관리자에게 알리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1379"/>
        <source>The wait per translation provider in the settings is {shown}, not a number of seconds more than 0.</source>
        <translation>설정의 번역 서비스별 대기 시간이 {shown}입니다. 0보다 큰 초 단위 숫자여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1383"/>
        <source>Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK.</source>
        <translation>도구 ▸ 설정 ▸ 번역에서 ‘서비스별 대기 시간’을 정하고 OK를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1388"/>
        <source>The translation providers in the settings are {shown}, not a list of provider names.</source>
        <translation>설정의 번역 서비스가 {shown}입니다. 서비스 이름의 목록이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1391"/>
        <source>Open Tools ▸ Settings ▸ Translation, tick the providers to try (in order) and press OK.</source>
        <translation>도구 ▸ 설정 ▸ 번역에서 사용할 번역 서비스를 (시도할 순서대로) 선택하고 OK를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1397"/>
        <source>The translation cache {path} is damaged or not a translation cache ({exc}).</source>
        <translation>번역 캐시 {path}이(가) 손상되었거나 번역 캐시 파일이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1403"/>
        <source>This user may not read or write the translation cache {path}.</source>
        <translation>이 사용자는 번역 캐시 {path}을(를) 읽거나 쓸 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1404"/>
        <source>Give this user read and write permission on the file (it may belong to another user, or have been made by `sudo valuezone`), or set VALUEZONE_HOME to a folder you own, or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.</source>
        <translation>이 사용자에게 그 파일의 읽기·쓰기 권한을 주세요(다른 사용자의 파일이거나 `sudo valuezone`으로 만들어졌을 수 있습니다). 또는 VALUEZONE_HOME을 내 폴더로 지정하세요. 아니면 캐시를 끄세요: 도구 ▸ 설정 ▸ 번역에서 ‘번역을 로컬 캐시에 보관’의 체크를 해제하고, 명령줄에서는 `valuezone translate --no-cache`를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1410"/>
        <source>This user may not write in the folder {folder}, where the translation cache {path} keeps its file and journal.</source>
        <translation>이 사용자는 폴더 {folder}에 쓸 권한이 없습니다. 번역 캐시 {path}은(는) 이 폴더에 파일과 저널을 둡니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1414"/>
        <source>Let this user write in that folder, or set VALUEZONE_HOME to a folder you own, or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.</source>
        <translation>이 사용자가 그 폴더에 쓸 수 있게 하거나 VALUEZONE_HOME을 내 폴더로 지정하세요. 아니면 캐시를 끄세요: 도구 ▸ 설정 ▸ 번역에서 ‘번역을 로컬 캐시에 보관’의 체크를 해제하고, 명령줄에서는 `valuezone translate --no-cache`를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1420"/>
        <source>The folder for the translation cache {folder} cannot be made ({strerror}).</source>
        <translation>번역 캐시를 둘 폴더 {folder}을(를) 만들 수 없습니다({strerror}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1423"/>
        <source>Move away what is in its way or let this user write there (or set VALUEZONE_HOME to a folder you own), or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.</source>
        <translation>그 자리에 있는 것을 치우거나 이 사용자가 그곳에 쓸 수 있게 하세요(또는 VALUEZONE_HOME을 내 폴더로 지정하세요). 아니면 캐시를 끄세요: 도구 ▸ 설정 ▸ 번역에서 ‘번역을 로컬 캐시에 보관’의 체크를 해제하고, 명령줄에서는 `valuezone translate --no-cache`를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1436"/>
        <source>Check that it is a file, not a folder, and that its disk has room and is not failing; or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command line, `valuezone translate --no-cache`.</source>
        <translation>그것이 폴더가 아닌 파일인지, 디스크에 여유 공간이 있고 고장 나지 않았는지 확인하세요. 아니면 캐시를 끄세요: 도구 ▸ 설정 ▸ 번역에서 ‘번역을 로컬 캐시에 보관’의 체크를 해제하고, 명령줄에서는 `valuezone translate --no-cache`를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1467"/>
        <source>The {provider} translator did not answer within {waited:.1f} s.</source>
        <translation>{provider} 번역기가 {waited:.1f}초 안에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1468"/>
        <source>The original text is kept; try again, or choose another provider in the translation settings.</source>
        <translation>원문을 그대로 둡니다. 다시 시도하거나 번역 설정에서 다른 번역기를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1474"/>
        <source>There is no canned reply &apos;{reply_id}&apos;.</source>
        <translation>준비된 답변 &apos;{reply_id}&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1475"/>
        <source>Known replies: {replies}.</source>
        <translation>있는 답변: {replies}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1478"/>
        <source>There is no translation provider called &apos;{name}&apos;.</source>
        <translation>&apos;{name}&apos;(이)라는 번역기가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1479"/>
        <source>Choose one of: {providers}.</source>
        <translation>다음 중 하나를 고르세요: {providers}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1482"/>
        <source>The vendor file {path} is not valid TOML ({exc}).</source>
        <translation>공급사 파일 {path}이(가) 올바른 TOML이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1483"/>
        <source>Fix the file (name, phone, url, logo, [names]) or leave --vendor out.</source>
        <translation>파일(name, phone, url, logo, [names])을 고치거나 --vendor를 빼세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1486"/>
        <source>The logo {logo} is not a PNG of at most {max_kib} KiB.</source>
        <translation>로고 {logo}이(가) {max_kib} KiB 이하의 PNG가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1487"/>
        <source>Save the logo as a small PNG (e.g. 128 × 128 pixels).</source>
        <translation>로고를 작은 PNG(예: 128 × 128 픽셀)로 저장하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1490"/>
        <source>The logo {logo} named in {path} cannot be read ({reason}).</source>
        <translation>{path}에 적힌 로고 {logo}을(를) 읽을 수 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1491"/>
        <source>Put the PNG beside the vendor file, or remove the logo line.</source>
        <translation>PNG를 공급사 파일 옆에 두거나 logo 줄을 지우세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1494"/>
        <source>The vendor file {path} has no name.</source>
        <translation>공급사 파일 {path}에 name이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1495"/>
        <source>Add a line such as name = &quot;Acme Storage Support&quot;.</source>
        <translation>name = &quot;Acme Storage Support&quot; 같은 줄을 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1498"/>
        <source>The vendor file {path} cannot be read ({reason}).</source>
        <translation>공급사 파일 {path}을(를) 읽을 수 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1499"/>
        <source>Check the path given to --vendor.</source>
        <translation>--vendor에 준 경로를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1502"/>
        <source>{scheme}:{port} is not a web address this console opens.</source>
        <translation>{scheme}:{port}은(는) 이 콘솔이 여는 웹 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1503"/>
        <source>Choose http or https and a port from 1 to 65535.</source>
        <translation>http 또는 https와 1~65535 사이의 포트를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1506"/>
        <source>Could not listen on 127.0.0.1 for the web admin page ({exc}).</source>
        <translation>웹 관리 페이지를 위해 127.0.0.1에서 연결을 기다릴 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1507"/>
        <source>Try again; if it keeps failing, restart the console.</source>
        <translation>다시 시도하세요. 계속 실패하면 콘솔을 다시 시작하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1510"/>
        <source>Nothing answered on port {port} of the device: {reason}</source>
        <translation>장치의 포트 {port}에서 아무것도 응답하지 않았습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1511"/>
        <source>Check the device&apos;s web admin port (often 443, 80, 5001 or 8080) and try again.</source>
        <translation>장치의 웹 관리 포트(보통 443, 80, 5001, 8080)를 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1516"/>
        <source>The web admin page (port {port}) was not opened: {reason}</source>
        <translation>웹 관리 페이지(포트 {port})를 열지 못했습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1517"/>
        <source>Through a code the customer decides: ask them in the chat, then try again. Over a direct SSH session the device&apos;s SSH server does not allow forwarding (AllowTcpForwarding).</source>
        <translation>코드로 연결한 세션에서는 고객이 결정합니다. 채팅으로 요청한 뒤 다시 시도하세요. 직접 SSH 세션이라면 장치의 SSH 서버가 포워딩을 허용하지 않습니다(AllowTcpForwarding).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1523"/>
        <source>The session ended before the web admin page opened ({exc}).</source>
        <translation>웹 관리 페이지가 열리기 전에 세션이 끝났습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1524"/>
        <source>Reconnect the session and try again.</source>
        <translation>세션을 다시 연결한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1033"/>
        <source>No relay address was given.</source>
        <translation>릴레이 주소가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1034"/>
        <source>Write it as HOST:PORT, or several as HOST:PORT,HOST:PORT (the relays of one deployment).</source>
        <translation>HOST:PORT 형식으로 쓰거나, 여러 개는 HOST:PORT,HOST:PORT 형식으로 쓰세요(한 배포의 릴레이들).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1052"/>
        <source>The relay refused the connection: {reason}.</source>
        <translation>릴레이가 연결을 거부했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1053"/>
        <source>Try again, or ask for a new code.</source>
        <translation>다시 시도하거나 새 코드를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1091"/>
        <source>This session has no record to write the outcome to.</source>
        <translation>이 세션에는 결과를 기록할 녹화 기록이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1095"/>
        <source>The device did not open a shell ({reason}).</source>
        <translation>장치가 셸을 열지 않았습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1096"/>
        <source>The account may have no login shell, or the server limits sessions; try again.</source>
        <translation>계정에 로그인 셸이 없거나 서버가 세션 수를 제한할 수 있습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="193"/>
        <source>The chat is closed: the session has ended.</source>
        <translation>세션이 끝나 채팅이 닫혔습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="194"/>
        <source>Join again to keep chatting.</source>
        <translation>계속 채팅하려면 다시 참여하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="201"/>
        <source>The chat is not open yet.</source>
        <translation>채팅이 아직 열리지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="202"/>
        <source>Wait until the customer&apos;s side is connected.</source>
        <translation>고객 쪽이 연결될 때까지 기다리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="209"/>
        <source>The chat could not be opened ({reason}).</source>
        <translation>채팅을 열 수 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="210"/>
        <source>The session may have ended; join again.</source>
        <translation>세션이 끝났을 수 있습니다. 다시 참여하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="213"/>
        <source>The chat message could not be sent: the session has ended.</source>
        <translation>세션이 끝나 채팅 메시지를 보내지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="205"/>
        <source>The chat with the customer is not open.</source>
        <translation>고객과의 채팅이 열려 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="206"/>
        <source>Questions go through the agent: this works in sessions joined by code.</source>
        <translation>질문은 에이전트를 통해 전달되므로 코드로 참여한 세션에서만 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="841"/>
        <source>The customer&apos;s side closed the chat before answering.</source>
        <translation>고객 쪽에서 답하기 전에 채팅을 닫았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="842"/>
        <source>The session may have ended; ask the customer by phone if you still need the answer.</source>
        <translation>세션이 끝났을 수 있습니다. 답이 여전히 필요하면 고객에게 전화로 물어보세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="847"/>
        <source>The customer closed the question without answering.</source>
        <translation>고객이 답하지 않고 질문을 닫았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="848"/>
        <source>You may ask by chat instead.</source>
        <translation>대신 채팅으로 물어볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="837"/>
        <source>The customer&apos;s agent cannot answer this question ({detail}).</source>
        <translation>고객의 에이전트가 이 질문에 답할 수 없습니다({detail}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="838"/>
        <source>Their agent may be an older version; ask by chat or phone instead.</source>
        <translation>고객의 에이전트가 이전 버전일 수 있습니다. 채팅이나 전화로 물어보세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="851"/>
        <source>The customer did not answer within {minutes}.</source>
        <translation>고객이 {minutes} 안에 답하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="852"/>
        <source>Ask them by chat or phone, or try again later.</source>
        <translation>채팅이나 전화로 물어보거나, 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="855"/>
        <source>The customer&apos;s agent sent an answer that cannot be read ({exc}).</source>
        <translation>고객의 에이전트가 읽을 수 없는 답을 보냈습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="411"/>
        <source>{who} did not agree to send the bundle to {destination}.</source>
        <translation>{who}님이 번들을 {destination}(으)로 보내는 데 동의하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="412"/>
        <source>Nothing was sent. Explain what the bundle holds and ask again, or close the escalation.</source>
        <translation>아무것도 보내지 않았습니다. 번들에 무엇이 들어 있는지 설명하고 다시 묻거나, 에스컬레이션을 닫으세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="418"/>
        <source>The consent recorded is for a different set of files than the bundle holds.</source>
        <translation>기록된 동의는 번들에 든 파일과 다른 파일 목록에 대한 것입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="421"/>
        <source>Show the customer the current preview and ask again.</source>
        <translation>고객에게 현재 미리 보기를 보여 주고 다시 물어보세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="424"/>
        <source>Nobody was named as having agreed.</source>
        <translation>동의한 사람의 이름이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="425"/>
        <source>Type the name of the person who agreed by phone.</source>
        <translation>전화로 동의한 사람의 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="542"/>
        <source>This session is not connected.</source>
        <translation>이 세션은 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="543"/>
        <source>Connect first, then run diagnostics.</source>
        <translation>먼저 연결한 뒤 진단을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="596"/>
        <location filename="../../console/app/error_texts.py" line="604"/>
        <source>There is no diagnostics profile called &apos;{name}&apos;.</source>
        <translation>&apos;{name}&apos;(이)라는 진단 프로필이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="605"/>
        <source>Use one of: auto, {profiles}.</source>
        <translation>다음 중 하나를 사용하세요: auto, {profiles}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="508"/>
        <source>A device named &apos;{name}&apos; is already in the book.</source>
        <translation>&apos;{name}&apos;(이)라는 장치가 이미 장치 목록에 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="509"/>
        <source>Choose another name, or edit that device.</source>
        <translation>다른 이름을 고르거나, 그 장치를 편집하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="504"/>
        <source>A device needs a name.</source>
        <translation>장치에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="505"/>
        <source>Type a name the team will recognise, e.g. Acme NAS.</source>
        <translation>팀이 알아볼 수 있는 이름을 입력하세요. 예: Acme NAS</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="478"/>
        <source>&apos;{host}&apos; is not a host name or address.</source>
        <translation>&apos;{host}&apos;은(는) 호스트 이름이나 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="479"/>
        <source>Type a name like nas.local or 192.0.2.10.</source>
        <translation>nas.local이나 192.0.2.10 같은 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="482"/>
        <source>Port {port} is not valid.</source>
        <translation>포트 {port}은(는) 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="483"/>
        <source>Use a port from 1 to 65535 (SSH: 22).</source>
        <translation>1~65535 사이의 포트를 사용하세요(SSH: 22).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="486"/>
        <source>The device book was written by a newer Valuezone (schema {version}, this one knows {supported}).</source>
        <translation>장치 목록을 더 새로운 Valuezone이 썼습니다(스키마 {version}, 이 버전은 {supported}까지 압니다).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="490"/>
        <source>Update Valuezone, or use the newer version on this computer.</source>
        <translation>Valuezone을 업데이트하거나, 이 컴퓨터에서 새 버전을 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="512"/>
        <source>There is no device with id {device_id}.</source>
        <translation>ID가 {device_id}인 장치가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="513"/>
        <source>It may have been removed.</source>
        <translation>삭제되었을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="493"/>
        <source>The device book {path} cannot be used ({exc}).</source>
        <translation>장치 목록 {path}을(를) 사용할 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="494"/>
        <source>Close other Valuezone windows and check the disk; if the file is damaged, move it away.</source>
        <translation>다른 Valuezone 창을 닫고 디스크를 확인하세요. 파일이 손상되었다면 다른 곳으로 옮기세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="859"/>
        <source>Cannot add to the record {folder} ({exc}).</source>
        <translation>기록 {folder}에 추가할 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="860"/>
        <source>Check that the folder is a Valuezone record and that `valuezone verify` accepts it.</source>
        <translation>폴더가 Valuezone 기록인지, `valuezone verify`가 통과하는지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="970"/>
        <source>Writing to the record {folder} failed ({exc}).</source>
        <translation>기록 {folder}에 쓰지 못했습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="925"/>
        <location filename="../../console/app/error_texts.py" line="971"/>
        <source>Check free space and permissions on the archive folder, then try again.</source>
        <translation>보관 폴더의 여유 공간과 권한을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="924"/>
        <source>Updating session.json of {folder} failed ({exc}).</source>
        <translation>{folder}의 session.json을 업데이트하지 못했습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="947"/>
        <source>{folder} ends with an incomplete line (the recorder was stopped while writing it), so nothing can be appended after it.</source>
        <translation>{folder}이(가) 불완전한 줄로 끝나(기록을 쓰는 도중 중단됨) 뒤에 아무것도 추가할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="951"/>
        <source>Run `valuezone verify` on the folder; copy the record before repairing it by hand.</source>
        <translation>폴더에 `valuezone verify`를 실행하세요. 직접 고치기 전에 기록을 복사해 두세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="620"/>
        <source>Building the bundle was cancelled.</source>
        <translation>번들 만들기를 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="621"/>
        <source>Nothing was sent.</source>
        <translation>아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="628"/>
        <source>A bundle is only packed with the customer&apos;s consent.</source>
        <translation>번들은 고객이 동의해야만 묶습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="629"/>
        <source>Ask for it first.</source>
        <translation>먼저 동의를 받으세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="671"/>
        <location filename="../../console/app/error_texts.py" line="739"/>
        <source>The device refused an SFTP session ({reason}).</source>
        <translation>장치가 SFTP 세션을 거부했습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="672"/>
        <location filename="../../console/app/error_texts.py" line="740"/>
        <source>Enable SFTP on the device (on a NAS: the SFTP service in the file services settings).</source>
        <translation>장치에서 SFTP를 켜세요(NAS라면 파일 서비스 설정의 SFTP 서비스).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="654"/>
        <source>The destination address contains a password.</source>
        <translation>목적지 주소에 비밀번호가 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="655"/>
        <source>Remove it from the address; store it with `valuezone escalate outbox` prompts or the keyring.</source>
        <translation>주소에서 비밀번호를 빼고, `valuezone escalate outbox`가 물을 때 입력하거나 키링에 보관하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="624"/>
        <source>An HQ destination needs a name.</source>
        <translation>본사 목적지에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="625"/>
        <source>Give it a name the technicians know.</source>
        <translation>기술자들이 알아볼 수 있는 이름을 붙이세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="636"/>
        <source>No secret was given.</source>
        <translation>비밀 정보가 입력되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="637"/>
        <source>Paste the token or type the password HQ gave you.</source>
        <translation>본사에서 받은 토큰을 붙여 넣거나 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="632"/>
        <source>There is no preview to ask about yet.</source>
        <translation>아직 물어볼 미리 보기가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="633"/>
        <source>Build the preview first.</source>
        <translation>먼저 미리 보기를 만드세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="640"/>
        <source>The bundle is not ready to send.</source>
        <translation>번들을 보낼 준비가 되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="641"/>
        <source>Build the preview and get consent first.</source>
        <translation>미리 보기를 만들고 동의를 먼저 받으세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="661"/>
        <source>This bundle is being sent right now.</source>
        <translation>이 번들은 지금 보내는 중입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="662"/>
        <source>Wait until the attempt ends, then remove it.</source>
        <translation>이번 시도가 끝난 뒤 제거하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1063"/>
        <source>Line {number} of the technicians file {path} is not a public key ({exc}).</source>
        <translation>기술자 파일 {path}의 {number}번째 줄이 공개 키가 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1066"/>
        <source>Each line is `ssh-ed25519 AAAA… Name &lt;email&gt;`, as `valuezone` shows it.</source>
        <translation>각 줄은 `valuezone`이 보여 주는 대로 `ssh-ed25519 AAAA… Name &lt;email&gt;` 형식입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1071"/>
        <source>Line {number} of the technicians file {path} has bad options: {exc}.</source>
        <translation>기술자 파일 {path}의 {number}번째 줄의 옵션이 잘못되었습니다: {exc}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1072"/>
        <source>Options go before the key: role=&quot;lead&quot;,team=&quot;seoul,busan&quot; ssh-ed25519 AAAA… Name.</source>
        <translation>옵션은 키 앞에 씁니다: role=&quot;lead&quot;,team=&quot;seoul,busan&quot; ssh-ed25519 AAAA… Name.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1077"/>
        <source>The technicians file {path} cannot be read ({strerror}).</source>
        <translation>기술자 파일 {path}을(를) 읽을 수 없습니다({strerror}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1078"/>
        <source>Create it in OpenSSH authorized_keys format: one technician&apos;s public key per line.</source>
        <translation>OpenSSH authorized_keys 형식으로 만드세요. 한 줄에 기술자 한 명의 공개 키를 씁니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1083"/>
        <source>The relay did not say who is connecting</source>
        <translation>릴레이가 누가 연결하는지 알려 주지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1087"/>
        <source>The system keyring refused to store the {kind} for {name} ({exc}).</source>
        <translation>시스템 키링이 {name}의 {kind} 저장을 거부했습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1088"/>
        <source>Unlock the keyring and try again; nothing was written to disk.</source>
        <translation>키링의 잠금을 풀고 다시 시도하세요. 디스크에는 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1101"/>
        <source>No ssh-agent is running for this session ($SSH_AUTH_SOCK is not set or does not answer).</source>
        <translation>이 세션에서 실행 중인 ssh-agent가 없습니다($SSH_AUTH_SOCK가 설정되지 않았거나 응답하지 않습니다).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1105"/>
        <source>Start one (`eval $(ssh-agent)`) or log in to a desktop that runs one, then try again.</source>
        <translation>ssh-agent를 시작하거나(`eval $(ssh-agent)`) ssh-agent가 실행되는 데스크톱에 로그인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1110"/>
        <source>The ssh-agent refused the key ({exc}).</source>
        <translation>ssh-agent가 키를 거부했습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1111"/>
        <source>Check that the agent is not locked (`ssh-add -X`).</source>
        <translation>에이전트가 잠겨 있지 않은지 확인하세요(`ssh-add -X`).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1128"/>
        <source>The team server sent file bytes where an answer was due.</source>
        <translation>팀 서버가 응답 대신 파일 바이트를 보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1132"/>
        <source>File bytes arrived without a request.</source>
        <translation>요청 없이 파일 바이트가 도착했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1136"/>
        <source>Campaign {campaign} does not exist or is not yours to see.</source>
        <translation>캠페인 {campaign}이(가) 없거나 볼 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1140"/>
        <source>The team server on {server} closed the channel.</source>
        <translation>{server}의 팀 서버가 채널을 닫았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1141"/>
        <source>Try again in a moment.</source>
        <translation>잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1144"/>
        <source>{name} arrived damaged from the team server.</source>
        <translation>팀 서버에서 받은 {name}이(가) 손상되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1145"/>
        <source>Try again.</source>
        <translation>다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1148"/>
        <source>{name} did not arrive whole from the team server.</source>
        <translation>팀 서버에서 {name}을(를) 온전히 받지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1152"/>
        <source>The team server sent a {size}-byte {name}: over the limit.</source>
        <translation>팀 서버가 {size}바이트짜리 {name}을(를) 보냈습니다. 한도를 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1156"/>
        <source>No session you may see has the finding {label!r}.</source>
        <translation>볼 수 있는 세션 중 발견 사항 {label!r}이(가) 있는 세션이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1157"/>
        <source>Check the label.</source>
        <translation>레이블을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1160"/>
        <source>Only {names} may {what}; you are {role}.</source>
        <translation>{what}은(는) {names}만 할 수 있습니다. 당신의 역할은 {role}입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1161"/>
        <source>Ask the relay&apos;s administrator to change your role in the technicians file.</source>
        <translation>릴레이 관리자에게 기술자 파일에서 역할을 바꿔 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1166"/>
        <source>Your key is no longer in the relay&apos;s technicians file.</source>
        <translation>당신의 키가 더 이상 릴레이의 기술자 파일에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1167"/>
        <source>Ask the relay&apos;s administrator to add your public key again.</source>
        <translation>릴레이 관리자에게 공개 키를 다시 추가해 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1170"/>
        <source>Session {session_id} is on the server already, pushed by someone else. It stays in your outbox; nothing was stored.</source>
        <translation>세션 {session_id}은(는) 다른 사람이 이미 서버에 올렸습니다. 보낼 편지함에 그대로 남고, 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1174"/>
        <source>Session ids are unique: this copy came from another technician&apos;s archive; leave it to them.</source>
        <translation>세션 id는 고유합니다. 이 사본은 다른 기술자의 보관함에서 온 것이니 그 기술자에게 맡기세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1180"/>
        <source>Session {session_id} was purged from the team server on {purged_on} (its team&apos;s retention ran out); it is not taken again.</source>
        <translation>세션 {session_id}은(는) {purged_on}에 팀 서버에서 삭제되었습니다(팀의 보존 기간 만료). 다시 받지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1184"/>
        <source>Nothing to do: keep or delete your own copy as your organisation&apos;s rules say.</source>
        <translation>할 일은 없습니다. 조직 규정에 따라 내 사본을 보관하거나 삭제하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1189"/>
        <source>The record is {total} bytes; this server takes at most {max_record}.</source>
        <translation>기록이 {total}바이트입니다. 이 서버는 최대 {max_record}까지 받습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1190"/>
        <source>Ask the relay&apos;s administrator to raise --team-max-record-mb.</source>
        <translation>릴레이 관리자에게 --team-max-record-mb를 올려 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1193"/>
        <source>The team server failed on this request.</source>
        <translation>팀 서버가 이 요청을 처리하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1194"/>
        <source>Try again; the relay&apos;s log has details.</source>
        <translation>다시 시도하세요. 자세한 내용은 릴레이 로그에 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1197"/>
        <source>The team server named the session {session_id!r}: not a folder name, so it is not opened.</source>
        <translation>팀 서버가 세션 이름을 {session_id!r}(으)로 보냈습니다. 폴더 이름이 될 수 없어 열지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1201"/>
        <source>Tell the team server&apos;s administrator.</source>
        <translation>팀 서버 관리자에게 알리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1204"/>
        <source>session.json cannot be read, so the record cannot be pushed.</source>
        <translation>session.json을 읽을 수 없어 기록을 올릴 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1205"/>
        <source>Run `valuezone verify`.</source>
        <translation>`valuezone verify`를 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1208"/>
        <source>Session {session_id} is not on the server yet.</source>
        <translation>세션 {session_id}이(가) 아직 서버에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1209"/>
        <source>Push it again with its terminal.cast.</source>
        <translation>terminal.cast와 함께 다시 올리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1212"/>
        <source>Session {session_id} is not on the team server, or you may not see it.</source>
        <translation>세션 {session_id}이(가) 팀 서버에 없거나 볼 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1213"/>
        <source>Check the session id; a lead sees their teams&apos; sessions, hq escalated ones.</source>
        <translation>세션 id를 확인하세요. 리드는 자기 팀의 세션을, 본사는 에스컬레이션된 세션을 봅니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1218"/>
        <source>Session {session_id} is not on the team server.</source>
        <translation>세션 {session_id}이(가) 팀 서버에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1222"/>
        <source>The team server on {server} does not answer ({exc}).</source>
        <translation>{server}의 팀 서버가 응답하지 않습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1223"/>
        <source>Check the relay address in Settings; the relay must be this version or newer.</source>
        <translation>설정에서 릴레이 주소를 확인하세요. 릴레이는 이 버전 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1228"/>
        <source>{name} arrived damaged (SHA-256 mismatch).</source>
        <translation>{name}이(가) 손상되어 도착했습니다(SHA-256 불일치).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1229"/>
        <source>Push again.</source>
        <translation>다시 올리세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1232"/>
        <source>The bytes of {name} did not arrive as declared.</source>
        <translation>{name}의 바이트가 알린 대로 도착하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1236"/>
        <source>This relay speaks team protocol {VERSION}; the console speaks {version}.</source>
        <translation>이 릴레이는 팀 프로토콜 {VERSION}을(를), 콘솔은 {version}을(를) 씁니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1239"/>
        <source>Update Valuezone on the older side.</source>
        <translation>더 오래된 쪽의 Valuezone을 업데이트하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1242"/>
        <source>The team database is closed.</source>
        <translation>팀 데이터베이스가 닫혀 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1243"/>
        <source>The relay is stopping.</source>
        <translation>릴레이가 멈추는 중입니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1246"/>
        <source>PostgreSQL support needs the psycopg package.</source>
        <translation>PostgreSQL을 쓰려면 psycopg 패키지가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1247"/>
        <source>pip install &apos;psycopg[binary]&apos;</source>
        <translation>pip install &apos;psycopg[binary]&apos;로 설치하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1250"/>
        <source>The team database {database} has schema version {version}; this Valuezone knows up to {supported}. A newer relay has upgraded it.</source>
        <translation>팀 데이터베이스 {database}의 스키마 버전은 {version}입니다. 이 Valuezone은 {supported}까지만 압니다. 더 새로운 릴레이가 업그레이드했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1254"/>
        <source>Update Valuezone on this machine: every relay sharing a database must run the newest version.</source>
        <translation>이 컴퓨터의 Valuezone을 업데이트하세요. 데이터베이스를 함께 쓰는 모든 릴레이는 최신 버전이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1260"/>
        <source>The SQLite URL names no file.</source>
        <translation>SQLite URL에 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1261"/>
        <source>Use sqlite:///var/lib/valuezone/team.db.</source>
        <translation>sqlite:///var/lib/valuezone/team.db 형식을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1264"/>
        <source>The team database {path} cannot be opened ({exc}).</source>
        <translation>팀 데이터베이스 {path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1265"/>
        <source>Check the state folder&apos;s free space and permissions.</source>
        <translation>상태 폴더의 남은 공간과 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1268"/>
        <source>The database URL {url!r} is neither postgresql:// nor sqlite:.</source>
        <translation>데이터베이스 URL {url!r}이(가) postgresql://도 sqlite:도 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1269"/>
        <source>Use postgresql://user@host:5432/dbname, or leave --db out for SQLite in the state folder.</source>
        <translation>postgresql://user@host:5432/dbname을 쓰거나, 상태 폴더의 SQLite를 쓰려면 --db를 빼세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1275"/>
        <source>The team database {label} cannot be reached ({reason}).</source>
        <translation>팀 데이터베이스 {label}에 연결할 수 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1276"/>
        <source>Check the URL, that PostgreSQL runs and accepts this user (pg_hba.conf), and the password in ~/.pgpass or PGPASSWORD (never in the URL on a shared machine).</source>
        <translation>URL, PostgreSQL이 실행 중이며 이 사용자를 받는지(pg_hba.conf), ~/.pgpass 또는 PGPASSWORD의 비밀번호를 확인하세요(공용 컴퓨터에서는 절대 URL에 넣지 마세요).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1282"/>
        <source>The team database user {user!r} is {what}: PostgreSQL&apos;s row-level security would not apply to it, so the database could not enforce who sees which record ({database}).</source>
        <translation>팀 데이터베이스 사용자 {user!r}은(는) {what}입니다. PostgreSQL의 행 수준 보안이 적용되지 않아, 누가 어떤 기록을 보는지 데이터베이스가 강제할 수 없습니다({database}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1286"/>
        <source>Create an ordinary role that owns the database: `createuser valuezone &amp;&amp; createdb -O valuezone valuezone`, then use --db postgresql://valuezone@HOST:5432/valuezone.</source>
        <translation>데이터베이스를 소유하는 일반 역할을 만드세요: `createuser valuezone &amp;&amp; createdb -O valuezone valuezone`. 그런 다음 --db postgresql://valuezone@HOST:5432/valuezone을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1292"/>
        <source>A frame of {size} bytes is over the limit.</source>
        <translation>{size}바이트짜리 프레임이 한도를 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1296"/>
        <source>The connection ended inside a frame header.</source>
        <translation>프레임 헤더 중간에서 연결이 끊겼습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1300"/>
        <source>A message of {size} bytes is over the {MAX_JSON}-byte limit.</source>
        <translation>{size}바이트짜리 메시지가 한도 {MAX_JSON}바이트를 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1304"/>
        <source>A message is not a JSON object.</source>
        <translation>메시지가 JSON 객체가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1308"/>
        <source>A message is not UTF-8 JSON ({exc}).</source>
        <translation>메시지가 UTF-8 JSON이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1312"/>
        <source>Unknown frame kind {kind!r}.</source>
        <translation>알 수 없는 프레임 종류 {kind!r}.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1316"/>
        <source>The keyring did not keep the technician key&apos;s passphrase.</source>
        <translation>키링이 기술자 키의 암호를 보관하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1320"/>
        <source>The technician key {path} is locked: its passphrase has not been typed in this run.</source>
        <translation>기술자 키 {path}이(가) 잠겨 있습니다. 이번 실행에서 암호를 입력하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1323"/>
        <source>It is asked when you join a session by code.</source>
        <translation>코드로 세션에 참여할 때 물어봅니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1326"/>
        <source>There is no technician key at {path}.</source>
        <translation>{path}에 기술자 키가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1330"/>
        <source>This computer has no keyring to keep the technician key&apos;s passphrase in.</source>
        <translation>이 컴퓨터에는 기술자 키의 암호를 보관할 키링이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1333"/>
        <source>Choose a passphrase for the key; it is asked when the key is needed.</source>
        <translation>키의 암호를 정하세요. 키가 필요할 때 물어봅니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1336"/>
        <source>The technician key {path} needs its passphrase, and there is nobody to ask here.</source>
        <translation>기술자 키 {path}에는 암호가 필요한데, 여기서는 물어볼 사람이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1339"/>
        <source>Add it to your ssh-agent first (`ssh-add {path}`), or run this on a terminal.</source>
        <translation>먼저 ssh-agent에 추가하거나(`ssh-add {path}`) 터미널에서 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1344"/>
        <source>There is no technician key at {path} yet.</source>
        <translation>{path}에 아직 기술자 키가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1345"/>
        <source>Create it (Join by code in the console, or `valuezone key new`), then send its public key line to the relay&apos;s administrator.</source>
        <translation>키를 만든 뒤(콘솔의 코드로 참여 또는 `valuezone key new`) 공개 키 줄을 릴레이 관리자에게 보내세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1351"/>
        <source>The technician key was not unlocked, so nothing was sent to the relay.</source>
        <translation>기술자 키가 잠금 해제되지 않아 릴레이에 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1352"/>
        <source>Join again and type the key&apos;s passphrase.</source>
        <translation>다시 참여해서 키의 암호를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1355"/>
        <source>The technician key {path} ({fingerprint}) cannot be opened any more: Valuezone made it with a random passphrase for the system keyring, and the keyring does not have it (this computer has no keyring, or it was reset).</source>
        <translation>기술자 키 {path}({fingerprint})를 더 이상 열 수 없습니다. Valuezone이 시스템 키링용 무작위 암호로 만들었는데 키링에 그 암호가 없습니다(이 컴퓨터에 키링이 없거나 초기화되었습니다).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1359"/>
        <source>Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`), then send its public key line to the relay&apos;s administrator, who lists it instead of the old one. If the keyring is only locked, unlock it and try again.</source>
        <translation>새 키를 만든 뒤(코드로 참여 ▸ 새 키 만들기 또는 `valuezone key new --replace`) 공개 키 줄을 릴레이 관리자에게 보내 예전 키 대신 등록해 달라고 하세요. 키링이 잠겨 있을 뿐이라면 잠금을 풀고 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1365"/>
        <source>The passphrase for the technician key {path} was wrong {tries} times.</source>
        <translation>기술자 키 {path}의 암호가 {tries}번 틀렸습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1366"/>
        <source>Try again with the passphrase you chose when the key was made. If it is forgotten, create a new key (`valuezone key new --replace`) and send its public line to the relay&apos;s administrator.</source>
        <translation>키를 만들 때 정한 암호로 다시 시도하세요. 잊었다면 새 키를 만들고(`valuezone key new --replace`) 공개 키 줄을 릴레이 관리자에게 보내세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1372"/>
        <source>The technician key {path} cannot be read ({exc}).</source>
        <translation>기술자 키 {path}을(를) 읽을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1373"/>
        <source>Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`) and send its public line to the relay&apos;s administrator.</source>
        <translation>새 키를 만들고(코드로 참여 ▸ 새 키 만들기 또는 `valuezone key new --replace`) 공개 키 줄을 릴레이 관리자에게 보내세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1429"/>
        <source>The translation cache {path} was written by a newer Valuezone (schema {version}).</source>
        <translation>번역 캐시 {path}은(는) 더 새로운 Valuezone이 작성했습니다(스키마 {version}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1400"/>
        <location filename="../../console/app/error_texts.py" line="1432"/>
        <source>Delete the file: it only holds translations that can be fetched again.</source>
        <translation>파일을 삭제하세요. 다시 가져올 수 있는 번역만 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1435"/>
        <source>The translation cache {path} cannot be opened ({exc}).</source>
        <translation>번역 캐시 {path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1442"/>
        <source>The canned replies for {language} cannot be read ({exc}).</source>
        <translation>{language}용 준비된 답변을 읽을 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1443"/>
        <source>Fix the file.</source>
        <translation>파일을 고치세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1446"/>
        <source>The glossary is not valid TOML ({exc}).</source>
        <translation>용어집이 올바른 TOML이 아닙니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1447"/>
        <source>Fix the line it names in glossary.toml.</source>
        <translation>glossary.toml에서 오류가 가리키는 줄을 고치세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1457"/>
        <source>The {name} translator needs an API key, and none is saved.</source>
        <translation>{name} 번역기에는 API 키가 필요한데, 저장된 키가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1458"/>
        <source>Save the key in the keyring under &apos;{key_kind}&apos; / &apos;{name}&apos;, or use another provider.</source>
        <translation>키를 키링의 &apos;{key_kind}&apos; / &apos;{name}&apos; 항목에 저장하거나, 다른 번역 서비스를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1463"/>
        <source>LibreTranslate needs the address of your server.</source>
        <translation>LibreTranslate를 쓰려면 서버 주소가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1464"/>
        <source>Set translation.libre_url in the settings, or pass --url.</source>
        <translation>설정에서 translation.libre_url을 지정하거나 --url을 넘기세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1450"/>
        <source>No translation provider answered ({reasons}).</source>
        <translation>응답한 번역 서비스가 없습니다({reasons}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="1451"/>
        <source>The original text is shown untranslated. Check the network, or the providers in the translation settings, then try again.</source>
        <translation>원문을 번역하지 않은 채로 보여 줍니다. 네트워크나 번역 설정의 서비스 목록을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="32"/>
        <source>The archive folder {archive} does not exist.</source>
        <translation>보관 폴더 {archive}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="33"/>
        <source>Pass the folder that holds the records (ARCHIVE/YYYY/MM/DD/&lt;session&gt;).</source>
        <translation>기록이 들어 있는 폴더(ARCHIVE/YYYY/MM/DD/&lt;세션&gt;)를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="44"/>
        <source>The archive index {path} cannot be opened ({exc}).</source>
        <translation>보관 색인 {path}을(를) 열 수 없습니다({exc}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="45"/>
        <source>Check the data folder&apos;s free space and permissions; deleting the index file rebuilds it.</source>
        <translation>데이터 폴더의 여유 공간과 권한을 확인하세요. 색인 파일을 지우면 다시 만들어집니다.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="60"/>
        <source>Try other words.</source>
        <translation>다른 단어로 검색해 보세요.</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="55"/>
        <source>The report cannot be written to {path} ({reason}).</source>
        <translation>보고서를 {path}에 쓸 수 없습니다({reason}).</translation>
    </message>
    <message>
        <location filename="../../console/app/error_texts.py" line="56"/>
        <source>Choose another file or folder, or free some space, and export again.</source>
        <translation>다른 파일이나 폴더를 고르거나 공간을 확보한 다음 다시 내보내세요.</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../console/escalation/dialog.py" line="50"/>
        <source>Escalate to HQ — {label}</source>
        <translation>본사에 에스컬레이션 — {label}</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="104"/>
        <source>No HQ destination is set up. Add one in Tools ▸ Settings ▸ Escalation, then try again.</source>
        <translation>본사 전송 대상이 설정되어 있지 않습니다. 도구 ▸ 설정 ▸ 에스컬레이션에서 추가한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="111"/>
        <source>The session is not connected: no logs can be collected.</source>
        <translation>세션이 연결되어 있지 않아 로그를 수집할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="155"/>
        <source>Reading which logs the device&apos;s profile names…</source>
        <translation>장비 프로필에 지정된 로그를 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="168"/>
        <source>Logs named by the profile {profile} (untick what should stay on the device):</source>
        <translation>프로필 {profile}에 지정된 로그 (장비에 남겨 둘 항목은 선택 해제하세요):</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="172"/>
        <source>The profile {profile} names no logs.</source>
        <translation>프로필 {profile}에는 지정된 로그가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="244"/>
        <source>No translator is set up: HQ gets the original.</source>
        <translation>번역기가 설정되어 있지 않아 본사에는 원문이 전달됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="246"/>
        <source>Translating to {lang}…</source>
        <translation>{lang}(으)로 번역하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="256"/>
        <source>No translator answered: HQ gets the original with a note. You can type it yourself.</source>
        <translation>응답한 번역기가 없어 본사에는 원문이 메모와 함께 전달됩니다. 직접 입력할 수도 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="261"/>
        <source>Translated (check it; you can edit it).</source>
        <translation>번역되었습니다 (확인하고 필요하면 고치세요).</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="285"/>
        <source>Waiting for the translation of the summary…</source>
        <translation>요약 번역을 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="303"/>
        <source>Collecting the logs…</source>
        <translation>로그를 수집하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="311"/>
        <source>Redacting…</source>
        <translation>민감 정보를 가리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="316"/>
        <location filename="../../console/escalation/dialog.py" line="367"/>
        <source>Cancelled. Nothing was collected or sent.</source>
        <translation>취소했습니다. 아무것도 수집하거나 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="338"/>
        <source>Collecting logs: {files} of {total} files, {done} of {all}</source>
        <translation>로그 수집 중: 파일 {total}개 중 {files}개, {all} 중 {done}</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="350"/>
        <source>Redacting</source>
        <translation>가리는 중</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="350"/>
        <source>Packing</source>
        <translation>묶는 중</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="352"/>
        <source>{verb}: {files} of {total} files, {done}</source>
        <translation>{verb}: 파일 {total}개 중 {files}개, {done}</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="364"/>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="385"/>
        <source>You stopped waiting. Nothing was sent; you can ask again.</source>
        <translation>기다리기를 멈췄습니다. 아무것도 보내지 않았으며 다시 물어볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="389"/>
        <source>The customer declined: {why} The bundle is kept here; you can ask again.</source>
        <translation>고객이 거절했습니다: {why} 번들은 여기에 보관되며 다시 물어볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="396"/>
        <source>No answer from the customer: {why} Nothing was sent; you can ask again.</source>
        <translation>고객의 답이 없습니다: {why} 아무것도 보내지 않았으며 다시 물어볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="421"/>
        <source>{why} Nothing was sent; the bundle is kept here until you close this window.</source>
        <translation>{why} 아무것도 보내지 않았습니다. 이 창을 닫을 때까지 번들은 여기에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dialog.py" line="434"/>
        <source>Packing the bundle…</source>
        <translation>번들을 묶는 중…</translation>
    </message>
</context>
<context>
    <name>EscalationsDock</name>
    <message>
        <location filename="../../console/escalation/dock.py" line="54"/>
        <source>Escalations</source>
        <translation>에스컬레이션</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="67"/>
        <source>Only this session</source>
        <translation>이 세션만</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="69"/>
        <source>Show only the bundles escalated from the current session</source>
        <translation>현재 세션에서 에스컬레이션한 번들만 표시</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="75"/>
        <source>Bundles for headquarters</source>
        <translation>본사로 보낼 번들</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="79"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="80"/>
        <source>Ticket</source>
        <translation>티켓</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="81"/>
        <source>Destination</source>
        <translation>보낼 곳</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="82"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="83"/>
        <source>Attempts</source>
        <translation>시도 횟수</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="84"/>
        <source>Next retry</source>
        <translation>다음 재시도</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="85"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="91"/>
        <source>&amp;Retry now</source>
        <translation>지금 재시도(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="93"/>
        <source>Retry the selected bundle now</source>
        <translation>선택한 번들을 지금 다시 보내기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="96"/>
        <source>Re&amp;move</source>
        <translation>제거(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="96"/>
        <source>Remove the selected bundle</source>
        <translation>선택한 번들 제거</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="98"/>
        <source>Escalations message</source>
        <translation>에스컬레이션 메시지</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="177"/>
        <source>queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="178"/>
        <source>sending</source>
        <translation>보내는 중</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="179"/>
        <source>delivered</source>
        <translation>전달됨</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="180"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="187"/>
        <source>now</source>
        <translation>지금</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="207"/>
        <source>Sending again now.</source>
        <translation>지금 다시 보냅니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="218"/>
        <source>Remove bundle</source>
        <translation>번들 제거</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="219"/>
        <source>The bundle for ticket {ticket} has not reached HQ. Remove it and its file?</source>
        <translation>티켓 {ticket}의 번들이 아직 본사에 전달되지 않았습니다. 번들과 파일을 제거할까요?</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="226"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../../console/escalation/dock.py" line="237"/>
        <source>Removed the bundle for ticket {ticket}.</source>
        <translation>티켓 {ticket}의 번들을 제거했습니다.</translation>
    </message>
</context>
<context>
    <name>FileConflict</name>
    <message>
        <location filename="../../console/files/conflict.py" line="27"/>
        <source>The name is taken</source>
        <translation>이미 있는 이름</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="29"/>
        <source>on this computer</source>
        <translation>이 컴퓨터에</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="31"/>
        <source>on the device</source>
        <translation>장치에</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="34"/>
        <source>{name} already exists {where}:
{path}</source>
        <translation>{name}이(가) 이미 {where} 있습니다:
{path}</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="42"/>
        <source>Replace</source>
        <translation>바꾸기</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="46"/>
        <source>Replace the file that is there</source>
        <translation>있는 파일을 바꾸기</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="50"/>
        <source>Keep both</source>
        <translation>둘 다 유지</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="53"/>
        <source>Keep both: the copy gets a number</source>
        <translation>둘 다 유지: 복사본에 번호를 붙입니다</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="57"/>
        <location filename="../../console/files/conflict.py" line="60"/>
        <source>Skip</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <location filename="../../console/files/conflict.py" line="64"/>
        <source>Do the same for the other names that are taken</source>
        <translation>이미 있는 다른 이름에도 똑같이 하기</translation>
    </message>
</context>
<context>
    <name>FilesDock</name>
    <message>
        <location filename="../../console/files/dock.py" line="36"/>
        <location filename="../../console/files/dock.py" line="54"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../console/files/dock.py" line="39"/>
        <source>Open a session to see the device&apos;s files.</source>
        <translation>장치의 파일을 보려면 세션을 여세요.</translation>
    </message>
    <message>
        <location filename="../../console/files/dock.py" line="62"/>
        <source>Files — {label}</source>
        <translation>파일 — {label}</translation>
    </message>
</context>
<context>
    <name>FilesPanel</name>
    <message>
        <location filename="../../console/files/panel.py" line="216"/>
        <source>Up one folder</source>
        <translation>상위 폴더</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="218"/>
        <source>Home folder</source>
        <translation>홈 폴더</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="220"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="222"/>
        <source>Folder on the device</source>
        <translation>장치의 폴더</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="224"/>
        <source>Items in the folder</source>
        <translation>폴더의 항목</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="233"/>
        <source>Read-only: the customer allowed diagnostics only. You can look and download; uploads, new folders, renames and deletes are refused.</source>
        <translation>읽기 전용: 고객이 진단만 허용했습니다. 보기와 다운로드는 되지만 업로드, 새 폴더, 이름 바꾸기, 삭제는 거부됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="238"/>
        <source>Read-only session</source>
        <translation>읽기 전용 세션</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="246"/>
        <source>Download…</source>
        <translation>다운로드…</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="246"/>
        <source>Download</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="249"/>
        <source>Upload…</source>
        <translation>업로드…</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="249"/>
        <source>Upload</source>
        <translation>업로드</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="252"/>
        <source>New folder…</source>
        <translation>새 폴더…</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="252"/>
        <location filename="../../console/files/panel.py" line="514"/>
        <source>New folder</source>
        <translation>새 폴더</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="255"/>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="255"/>
        <location filename="../../console/files/panel.py" line="526"/>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="258"/>
        <location filename="../../console/files/panel.py" line="541"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="270"/>
        <source>Files on the device</source>
        <translation>장치의 파일</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="279"/>
        <source>Transfers</source>
        <translation>전송</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="285"/>
        <source>File browser status</source>
        <translation>파일 탐색기 상태</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="305"/>
        <source>The session is not connected: the file browser waits for it.</source>
        <translation>세션이 연결되어 있지 않습니다. 파일 탐색기는 연결을 기다립니다.</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="321"/>
        <source>Connect the session first.</source>
        <translation>먼저 세션을 연결하세요.</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="323"/>
        <source>Opening the device&apos;s files…</source>
        <translation>장치의 파일을 여는 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/files/panel.py" line="392"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>항목 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="394"/>
        <source>(the first ones: the folder holds more)</source>
        <translation>(앞부분만: 폴더에 더 있습니다)</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="449"/>
        <source>Download into which folder?</source>
        <translation>어느 폴더에 다운로드할까요?</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="466"/>
        <source>Upload which files?</source>
        <translation>어떤 파일을 업로드할까요?</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="479"/>
        <source>Not uploaded: this session is read-only (the customer allowed diagnostics only).</source>
        <translation>업로드하지 않았습니다: 이 세션은 읽기 전용입니다(고객이 진단만 허용).</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="514"/>
        <source>Name of the new folder:</source>
        <translation>새 폴더 이름:</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="526"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="542"/>
        <source>Delete these from the device? This cannot be undone.</source>
        <translation>장치에서 이 항목들을 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/files/panel.py" line="566"/>
        <source>A name cannot contain / or be . or ..</source>
        <translation>이름에 /를 넣거나 . 또는 ..로 할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../console/review/filters.py" line="35"/>
        <source>Started on or after</source>
        <translation>시작일 (이후)</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="36"/>
        <source>Started on or before</source>
        <translation>시작일 (이전)</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="37"/>
        <location filename="../../console/review/filters.py" line="76"/>
        <source>Technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="38"/>
        <source>Device name or host</source>
        <translation>장치 이름 또는 호스트</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="39"/>
        <location filename="../../console/review/filters.py" line="77"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="40"/>
        <location filename="../../console/review/filters.py" line="47"/>
        <location filename="../../console/review/filters.py" line="49"/>
        <location filename="../../console/review/filters.py" line="55"/>
        <location filename="../../console/review/filters.py" line="121"/>
        <location filename="../../console/review/filters.py" line="129"/>
        <source>any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="40"/>
        <source>resolved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="40"/>
        <source>workaround</source>
        <translation>임시 해결</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="40"/>
        <location filename="../../console/review/filters.py" line="56"/>
        <source>escalated</source>
        <translation>본사 이관</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="41"/>
        <source>not resolved</source>
        <translation>미해결</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="41"/>
        <source>none recorded</source>
        <translation>기록 없음</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="44"/>
        <source>Lowest score</source>
        <translation>최저 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="45"/>
        <source>Highest score</source>
        <translation>최고 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="46"/>
        <source>Customer language</source>
        <translation>고객 언어</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="48"/>
        <source>Device platform</source>
        <translation>장치 플랫폼</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="50"/>
        <location filename="../../console/review/filters.py" line="51"/>
        <source>Clear filters</source>
        <translation>필터 지우기</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="53"/>
        <location filename="../../console/review/filters.py" line="80"/>
        <source>Escalated</source>
        <translation>본사 이관</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="57"/>
        <source>not escalated</source>
        <translation>이관 안 함</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="61"/>
        <source>technician</source>
        <translation>기술자</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="61"/>
        <source>device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="75"/>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="79"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="76"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="77"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../../console/review/filters.py" line="78"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../console/session/findbar.py" line="22"/>
        <source>Find:</source>
        <translation>찾기:</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="23"/>
        <source>Text to find in the terminal</source>
        <translation>터미널에서 찾을 텍스트</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="24"/>
        <source>in the scrollback and on the screen</source>
        <translation>스크롤백과 화면에서</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="28"/>
        <source>Find an older match (Enter)</source>
        <translation>이전 일치 항목 찾기 (Enter)</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="30"/>
        <source>Older match (Enter)</source>
        <translation>이전 일치 항목 (Enter)</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="31"/>
        <source>Find a newer match (Shift+Enter)</source>
        <translation>다음 일치 항목 찾기 (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="33"/>
        <source>Newer match (Shift+Enter)</source>
        <translation>다음 일치 항목 (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="34"/>
        <source>Matches</source>
        <translation>일치 항목</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="35"/>
        <source>Close the find bar (Esc)</source>
        <translation>찾기 막대 닫기 (Esc)</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="65"/>
        <source>{n} of {total}</source>
        <translation>{total}개 중 {n}번째</translation>
    </message>
    <message>
        <location filename="../../console/session/findbar.py" line="67"/>
        <source>No matches</source>
        <translation>일치 항목 없음</translation>
    </message>
</context>
<context>
    <name>FollowUpsDock</name>
    <message>
        <location filename="../../console/followups/dock.py" line="83"/>
        <source>Follow-ups</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="93"/>
        <source>Open follow-ups</source>
        <translation>열린 후속 조치</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="101"/>
        <source>Follow-up queue status</source>
        <translation>후속 조치 대기열 상태</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="105"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="107"/>
        <source>Open record</source>
        <translation>기록 열기</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="109"/>
        <source>Open the record in the review window</source>
        <translation>검토 창에서 기록 열기</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="112"/>
        <source>Close with note…</source>
        <translation>메모와 함께 닫기…</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="114"/>
        <source>Close the follow-up with a note</source>
        <translation>메모를 남기고 후속 조치 닫기</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="137"/>
        <source>Reading the archive…</source>
        <translation>보관소를 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="146"/>
        <source>Asking the team server…</source>
        <translation>팀 서버에 묻는 중…</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="167"/>
        <source>Resolved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="168"/>
        <source>Workaround</source>
        <translation>임시 조치</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="169"/>
        <source>Escalated</source>
        <translation>본사에 전달</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="170"/>
        <source>Not resolved</source>
        <translation>해결되지 않음</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="190"/>
        <source>Overdue since {due}: {text}</source>
        <translation>{due}부터 기한 초과: {text}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/followups/dock.py" line="193"/>
        <source>%n open follow-up(s)</source>
        <translation>
            <numerusform>열린 후속 조치 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/followups/dock.py" line="194"/>
        <source>(%n overdue)</source>
        <translation>
            <numerusform>(기한 초과 %n건)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="208"/>
        <location filename="../../console/followups/dock.py" line="252"/>
        <source>Select a follow-up first.</source>
        <translation>먼저 후속 조치를 선택하세요.</translation>
    </message>
</context>
<context>
    <name>HostKeyDialog</name>
    <message>
        <location filename="../../console/kit/prompts.py" line="47"/>
        <source>Unknown host key</source>
        <translation>알 수 없는 호스트 키</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="49"/>
        <source>This is the first connection to {address}. Its {kind} key fingerprint is:</source>
        <translation>{address}에 처음 연결합니다. {kind} 키 지문:</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="55"/>
        <source>If you can, compare it with the fingerprint the customer reads from the device. Trust this key and connect?</source>
        <translation>가능하면 고객이 장치에서 읽어 주는 지문과 비교하세요. 이 키를 신뢰하고 연결하시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="63"/>
        <source>Trust and connect</source>
        <translation>신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="66"/>
        <source>Trust this host key and connect</source>
        <translation>이 호스트 키를 신뢰하고 연결</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="69"/>
        <source>Do not connect</source>
        <translation>연결하지 않음</translation>
    </message>
</context>
<context>
    <name>HqDestinationDialog</name>
    <message>
        <location filename="../../console/settings/hq_page.py" line="37"/>
        <source>HQ destination</source>
        <translation>본사 전송 대상</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="40"/>
        <source>Destination name</source>
        <translation>전송 대상 이름</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="41"/>
        <source>Destination address</source>
        <translation>전송 대상 주소</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="43"/>
        <source>HQ&apos;s language</source>
        <translation>본사 언어</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="45"/>
        <source>Key file for SFTP (optional)</source>
        <translation>SFTP용 키 파일 (선택)</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="46"/>
        <source>HQ&apos;s CA certificate (optional)</source>
        <translation>본사 CA 인증서 (선택)</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="47"/>
        <source>Token, password or key passphrase</source>
        <translation>토큰, 암호 또는 키 암호문</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="50"/>
        <source>Destination problem</source>
        <translation>전송 대상 문제</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="52"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="53"/>
        <source>Address:</source>
        <translation>주소:</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="54"/>
        <source>HQ&apos;s language:</source>
        <translation>본사 언어:</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="55"/>
        <source>Key file (SFTP):</source>
        <translation>키 파일 (SFTP):</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="56"/>
        <source>CA certificate (HTTPS):</source>
        <translation>CA 인증서 (HTTPS):</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="86"/>
        <source>Token (kept in the keyring):</source>
        <translation>토큰 (키링에 보관):</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="87"/>
        <source>Password (kept in the keyring):</source>
        <translation>암호 (키링에 보관):</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="88"/>
        <source>Key passphrase (kept in the keyring):</source>
        <translation>키 암호문 (키링에 보관):</translation>
    </message>
</context>
<context>
    <name>HqSettings</name>
    <message>
        <location filename="../../console/settings/hq_page.py" line="105"/>
        <source>Escalation to HQ</source>
        <translation>본사 에스컬레이션</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="111"/>
        <source>HQ destinations</source>
        <translation>본사 전송 대상</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="114"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="114"/>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="114"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="114"/>
        <source>Secret</source>
        <translation>비밀 정보</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="118"/>
        <source>&amp;Add…</source>
        <translation>추가(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="118"/>
        <source>Add an HQ destination</source>
        <translation>본사 전송 대상 추가</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="119"/>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="119"/>
        <source>Edit the HQ destination</source>
        <translation>본사 전송 대상 편집</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="121"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="121"/>
        <source>Remove the destination</source>
        <translation>전송 대상 제거</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="128"/>
        <source>Cap per collected log, in MB</source>
        <translation>수집하는 로그 하나당 한도 (MB)</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="129"/>
        <source>Cap on all collected logs, in MB</source>
        <translation>수집하는 로그 전체 한도 (MB)</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="135"/>
        <source>Per log:</source>
        <translation>로그당:</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="136"/>
        <source>All logs:</source>
        <translation>전체 로그:</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="138"/>
        <source>Escalation settings problem</source>
        <translation>에스컬레이션 설정 문제</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="155"/>
        <source>stored in the keyring</source>
        <translation>키링에 저장됨</translation>
    </message>
    <message>
        <location filename="../../console/settings/hq_page.py" line="155"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../console/settings/identity.py" line="57"/>
        <source>Welcome to Valuezone</source>
        <translation>밸류존에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="57"/>
        <source>Identity</source>
        <translation>신원 정보</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="61"/>
        <source>Before your first session: how should customers and colleagues know you?</source>
        <translation>첫 세션 전에: 고객과 동료에게 어떤 이름으로 표시할까요?</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="70"/>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="70"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="72"/>
        <source>Decide later (Tools ▸ Identity)</source>
        <translation>나중에 정하기 (도구 ▸ 신원 정보)</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="74"/>
        <source>Save your name and company</source>
        <translation>이름과 회사 저장</translation>
    </message>
</context>
<context>
    <name>IdentityFields</name>
    <message>
        <location filename="../../console/settings/identity.py" line="25"/>
        <source>Identity</source>
        <translation>신원 정보</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="28"/>
        <source>Your display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="29"/>
        <source>e.g. Kim Minsu</source>
        <translation>예: 김민수</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="30"/>
        <source>Your company</source>
        <translation>회사</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="31"/>
        <source>e.g. ACME Storage</source>
        <translation>예: ACME 스토리지</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="32"/>
        <source>Display name:</source>
        <translation>표시 이름:</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="33"/>
        <source>Company:</source>
        <translation>회사:</translation>
    </message>
    <message>
        <location filename="../../console/settings/identity.py" line="36"/>
        <source>Session records, follow-ups and reports name you this way, and canned replies say “this is {name} from {company} support”. The customer&apos;s consent question shows the name the relay&apos;s administrator gave your key: the line under Join by code ▸ Your key carries this name for them.</source>
        <translation>세션 기록, 후속 조치, 보고서에 이 이름이 쓰이고, 상용구에는 “{company} 기술지원팀 {name}입니다”라고 들어갑니다. 고객의 동의 질문에는 릴레이 관리자가 내 키에 붙인 이름이 표시됩니다. 코드로 참여 ▸ 내 키의 줄에 이 이름이 담겨 관리자에게 전달됩니다.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../console/session/join_dialog.py" line="51"/>
        <source>Join by code</source>
        <translation>코드로 참여</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="55"/>
        <source>Session code from the customer</source>
        <translation>고객이 알려 준 세션 코드</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="61"/>
        <source>Session code:</source>
        <translation>세션 코드:</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="62"/>
        <source>Relay address (host:port)</source>
        <translation>릴레이 주소 (호스트:포트)</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="66"/>
        <source>One relay as host:port, or the relays of one deployment as host:port,host:port: the first that answers is used, and every one must show the same host key.</source>
        <translation>릴레이 하나는 host:port로, 한 배포의 여러 릴레이는 host:port,host:port로 입력합니다. 먼저 응답하는 릴레이를 사용하며, 모든 릴레이가 같은 호스트 키를 보여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="70"/>
        <source>Relay:</source>
        <translation>릴레이:</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="78"/>
        <source>Your public key for the relay</source>
        <translation>릴레이에 등록할 내 공개 키</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="80"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="80"/>
        <source>Copy your public key</source>
        <translation>내 공개 키 복사</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="84"/>
        <source>Your key:</source>
        <translation>내 키:</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="90"/>
        <source>Create your technician key</source>
        <translation>기술자 키 만들기</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="102"/>
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="113"/>
        <location filename="../../console/session/join_dialog.py" line="125"/>
        <source>Create a new key</source>
        <translation>새 키 만들기</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="118"/>
        <source>You have no technician key yet. Create it, then send its public line to your relay&apos;s administrator.</source>
        <translation>아직 기술자 키가 없습니다. 키를 만든 뒤 공개 키 한 줄을 릴레이 관리자에게 보내 주세요.</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="121"/>
        <source>Create key…</source>
        <translation>키 만들기…</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="133"/>
        <source>The customer&apos;s consent question shows the name the relay&apos;s administrator lists for your key: this line carries yours (Tools ▸ Identity).</source>
        <translation>고객의 동의 질문에는 릴레이 관리자가 내 키에 등록한 이름이 표시됩니다. 이 줄에 내 이름이 담겨 있습니다 (도구 ▸ 신원 정보).</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="140"/>
        <source>A key was created for you. Send this line to your relay&apos;s administrator once; its passphrase is kept in the system keyring.</source>
        <translation>키를 새로 만들었습니다. 이 한 줄을 릴레이 관리자에게 한 번 보내 주세요. 키의 암호는 시스템 키링에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="147"/>
        <source>Its passphrase is asked when you join (once per run), unless ssh-agent holds the key.</source>
        <translation>코드로 참여할 때 키 암호문을 묻습니다(실행당 한 번). ssh-agent에 키가 있으면 묻지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="182"/>
        <source>Create your technician key first (below).</source>
        <translation>먼저 기술자 키를 만드세요(아래).</translation>
    </message>
    <message>
        <location filename="../../console/session/join_dialog.py" line="188"/>
        <source>Enter the relay address (you can save it in Settings).</source>
        <translation>릴레이 주소를 입력하세요 (설정에 저장할 수 있습니다).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/mainwindow/window.py" line="90"/>
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="131"/>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="218"/>
        <source>&amp;Session</source>
        <translation>세션(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="68"/>
        <source>&amp;New connection…</source>
        <translation>새 연결(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="103"/>
        <source>&amp;Close tab</source>
        <translation>탭 닫기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="123"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="75"/>
        <source>&amp;Join by code…</source>
        <translation>코드로 참여(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="82"/>
        <source>&amp;Duplicate tab</source>
        <translation>탭 복제(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="89"/>
        <source>&amp;Reconnect</source>
        <translation>다시 연결(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="96"/>
        <source>&amp;End session…</source>
        <translation>세션 종료(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="110"/>
        <source>Ne&amp;xt tab</source>
        <translation>다음 탭(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="117"/>
        <source>Pre&amp;vious tab</source>
        <translation>이전 탭(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="127"/>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="134"/>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="141"/>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="148"/>
        <source>Zoom &amp;in</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="155"/>
        <source>Zoom &amp;out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="162"/>
        <source>&amp;Normal size</source>
        <translation>기본 크기(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="183"/>
        <source>&amp;Follow-ups</source>
        <translation>후속 조치(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="196"/>
        <source>&amp;Identity…</source>
        <translation>신원 정보(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="200"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="223"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="225"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="237"/>
        <source>Reset &amp;layout</source>
        <translation>레이아웃 초기화(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="240"/>
        <source>&amp;Devices</source>
        <translation>장치(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="244"/>
        <source>&amp;Add device…</source>
        <translation>장치 추가(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="250"/>
        <source>D&amp;iagnostics</source>
        <translation>진단(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="169"/>
        <source>&amp;Run diagnostics</source>
        <translation>진단 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="176"/>
        <source>&amp;Escalate to HQ…</source>
        <translation>본사에 에스컬레이션(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="252"/>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="190"/>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="251"/>
        <source>Es&amp;calation</source>
        <translation>에스컬레이션(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="254"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="256"/>
        <source>Open &amp;log file</source>
        <translation>로그 파일 열기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/menus.py" line="259"/>
        <source>&amp;About Valuezone</source>
        <translation>밸류존 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="190"/>
        <source>New connection</source>
        <translation>새 연결</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="191"/>
        <source>Address ([user@]host[:port]):</source>
        <translation>주소 ([사용자@]호스트[:포트]):</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="348"/>
        <source>Open a connected session first, then run diagnostics.</source>
        <translation>먼저 연결된 세션을 연 다음 진단을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="96"/>
        <source>No session is open.

Pick a device under Devices and press Connect,
use Session ▸ New connection (Ctrl+Shift+N),
or Join by code (Ctrl+Shift+J) when a customer reads you a session code.</source>
        <translation>열린 세션이 없습니다.

장비 목록에서 장비를 고르고 연결을 누르거나,
세션 ▸ 새 연결 (Ctrl+Shift+N)을 사용하거나,
고객이 세션 코드를 불러 주면 코드로 참여 (Ctrl+Shift+J)를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="180"/>
        <source>You are {who} in new records and canned replies.</source>
        <translation>새 기록과 상용구에 {who}(으)로 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="252"/>
        <source>A session code is used once: ask the customer for a new code to join again.</source>
        <translation>세션 코드는 한 번만 쓸 수 있습니다. 다시 참여하려면 고객에게 새 코드를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="362"/>
        <source>Open a session first, then escalate (Ctrl+Shift+H).</source>
        <translation>먼저 세션을 연 다음 에스컬레이션하세요 (Ctrl+Shift+H).</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="381"/>
        <source>Bundle queued for {destination}.</source>
        <translation>{destination}(으)로 보낼 번들이 대기열에 들어갔습니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="389"/>
        <source>Delivered to HQ</source>
        <translation>본사에 전달됨</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="390"/>
        <source>The bundle for ticket {ticket} was delivered to {destination}.</source>
        <translation>티켓 {ticket}의 번들이 {destination}에 전달되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="411"/>
        <source>End session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="412"/>
        <source>End the session with {label}? The recording is kept.</source>
        <translation>{label} 세션을 종료하시겠습니까? 녹화는 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="418"/>
        <source>End the session</source>
        <translation>세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="419"/>
        <source>End session…</source>
        <translation>세션 종료…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="420"/>
        <source>End the session with an outcome and survey</source>
        <translation>결과와 설문으로 세션 종료</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="436"/>
        <source>Open a connected session first.</source>
        <translation>먼저 연결된 세션을 여세요.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="438"/>
        <source>The outcome of this session is already recorded.</source>
        <translation>이 세션의 결과는 이미 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="447"/>
        <source>Session ended; the outcome is recorded.</source>
        <translation>세션이 끝났고 결과가 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="482"/>
        <source>Settings saved. A new language applies to new windows.</source>
        <translation>설정을 저장했습니다. 새 언어는 새 창부터 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="490"/>
        <location filename="../../console/mainwindow/window.py" line="494"/>
        <location filename="../../console/mainwindow/window.py" line="495"/>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="494"/>
        <source>Canned replies</source>
        <translation>상용구</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="495"/>
        <source>Send the chat message</source>
        <translation>채팅 메시지 보내기</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="498"/>
        <location filename="../../console/mainwindow/window.py" line="499"/>
        <source>Terminal</source>
        <translation>터미널</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="498"/>
        <source>Scroll back / forward a page</source>
        <translation>한 페이지 뒤로 / 앞으로 스크롤</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="499"/>
        <source>Zoom</source>
        <translation>확대/축소</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="500"/>
        <source>Find</source>
        <translation>찾기</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="500"/>
        <source>Older match / newer match / close</source>
        <translation>이전 일치 / 다음 일치 / 닫기</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="509"/>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="514"/>
        <source>About Valuezone</source>
        <translation>밸류존 정보</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="515"/>
        <source>Valuezone {version}
Remote support for devices, recorded from the first byte.</source>
        <translation>밸류존 {version}
첫 바이트부터 기록되는 장치 원격 지원.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="542"/>
        <source>1 session is live. Quitting ends it; its recording is kept.</source>
        <translation>진행 중인 세션이 1개 있습니다. 종료하면 세션이 끝나며, 기록은 보존됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="544"/>
        <source>{n} sessions are live. Quitting ends them; their recordings are kept.</source>
        <translation>진행 중인 세션이 {n}개 있습니다. 종료하면 모두 끝나며, 기록은 보존됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="550"/>
        <source>Quit Valuezone</source>
        <translation>밸류존 종료</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="556"/>
        <source>End sessions and quit</source>
        <translation>세션 끝내고 종료</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/window.py" line="557"/>
        <source>End the live sessions and quit</source>
        <translation>진행 중인 세션을 끝내고 종료</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <location filename="../../console/session/technician_key.py" line="58"/>
        <source>Passphrase for your technician key</source>
        <translation>기술자 키 암호문</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="63"/>
        <source>This computer has no system keyring, so choose a passphrase for your technician key ({path}). It is asked when you join a session by code, once per run, unless your ssh-agent holds the key.</source>
        <translation>이 컴퓨터에는 시스템 키링이 없으므로 기술자 키({path})의 암호문을 직접 정하세요. 코드로 세션에 참여할 때 실행당 한 번 묻습니다. ssh-agent에 키가 있으면 묻지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="69"/>
        <location filename="../../console/session/technician_key.py" line="71"/>
        <source>Passphrase</source>
        <translation>암호문</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="70"/>
        <source>The same passphrase again</source>
        <translation>같은 암호문 다시 입력</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="71"/>
        <source>Again</source>
        <translation>다시 입력</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="76"/>
        <source>No passphrase (not recommended)</source>
        <translation>암호문 없음 (권장하지 않음)</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="76"/>
        <source>No passphrase</source>
        <translation>암호문 없음</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="82"/>
        <source>Without a passphrase, anyone who can read the key file (a stolen laptop or backup) can log in to your relays as you.</source>
        <translation>암호문이 없으면 키 파일을 읽을 수 있는 누구나(도난당한 노트북이나 백업) 당신으로 릴레이에 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="96"/>
        <source>Create key</source>
        <translation>키 만들기</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="113"/>
        <source>Type a passphrase, or tick “No passphrase”.</source>
        <translation>암호문을 입력하거나 “암호문 없음”을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="116"/>
        <source>The passphrases do not match. Type them again.</source>
        <translation>두 암호문이 다릅니다. 다시 입력하세요.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../console/followups/dock.py" line="51"/>
        <source>Close follow-up — {device}</source>
        <translation>후속 조치 닫기 — {device}</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="53"/>
        <source>How was it settled?</source>
        <translation>어떻게 마무리되었나요?</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="54"/>
        <source>Note closing the follow-up</source>
        <translation>후속 조치를 닫는 메모</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="59"/>
        <source>Close the follow-up or keep it open</source>
        <translation>후속 조치 닫기 또는 열어 두기</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="62"/>
        <source>Close the follow-up</source>
        <translation>후속 조치 닫기</translation>
    </message>
    <message>
        <location filename="../../console/followups/dock.py" line="63"/>
        <source>Close follow-up</source>
        <translation>후속 조치 닫기</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <location filename="../../console/review/player.py" line="225"/>
        <location filename="../../console/review/player.py" line="314"/>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="225"/>
        <source>Play or pause</source>
        <translation>재생 또는 일시 정지</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="227"/>
        <source>Seek</source>
        <translation>위치 이동</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="228"/>
        <source>Playback time</source>
        <translation>재생 시간</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="229"/>
        <source>Playback speed</source>
        <translation>재생 속도</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="232"/>
        <source>Idle-time limit in seconds</source>
        <translation>유휴 시간 제한 (초)</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="235"/>
        <source> s idle max</source>
        <translation>초 유휴 최대</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="236"/>
        <source>no idle limit</source>
        <translation>유휴 제한 없음</translation>
    </message>
    <message>
        <location filename="../../console/review/player.py" line="314"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../console/escalation/pages.py" line="183"/>
        <source>What will be sent</source>
        <translation>보낼 내용</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="185"/>
        <source>Files in the bundle</source>
        <translation>번들에 든 파일</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="187"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="187"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="187"/>
        <source>Redacted</source>
        <translation>가린 항목</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="189"/>
        <source>Totals</source>
        <translation>합계</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="190"/>
        <source>What was redacted</source>
        <translation>가린 내용</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="191"/>
        <source>What collection left out</source>
        <translation>수집에서 빠진 것</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="195"/>
        <source>The customer&apos;s consent</source>
        <translation>고객 동의</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="204"/>
        <source>The customer is asked on their screen, in their language, with this list.</source>
        <translation>고객의 화면에 고객의 언어로 이 목록과 함께 질문이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="209"/>
        <source>&amp;Ask the customer</source>
        <translation>고객에게 묻기(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="211"/>
        <source>Ask the customer for consent</source>
        <translation>고객에게 동의 요청</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="219"/>
        <source>The customer agreed by phone to send these files</source>
        <translation>고객이 전화로 이 파일들을 보내는 데 동의했습니다</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="221"/>
        <source>The customer agreed by phone</source>
        <translation>고객이 전화로 동의함</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="224"/>
        <source>Who agreed</source>
        <translation>동의한 사람</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="225"/>
        <source>name of the person who agreed</source>
        <translation>동의한 사람의 이름</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="226"/>
        <source>Who agreed:</source>
        <translation>동의한 사람:</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="229"/>
        <source>&amp;Send to HQ</source>
        <translation>본사로 보내기(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="229"/>
        <source>Send to HQ</source>
        <translation>본사로 보내기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="232"/>
        <source>The customer &amp;declined</source>
        <translation>고객이 거절함(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="234"/>
        <source>The customer declined</source>
        <translation>고객이 거절함</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="241"/>
        <source>Consent message</source>
        <translation>동의 메시지</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="246"/>
        <source>Close without sending</source>
        <translation>보내지 않고 닫기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="246"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="257"/>
        <source>These files go to {destination}:</source>
        <translation>다음 파일을 {destination}(으)로 보냅니다:</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="266"/>
        <source>Files: {count}, {size} in all.</source>
        <translation>파일 {count}개, 모두 {size}.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="272"/>
        <source>Redacted before anything was written: {counts}.</source>
        <translation>기록하기 전에 가린 항목: {counts}.</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="276"/>
        <source>Nothing needed redacting.</source>
        <translation>가릴 내용이 없었습니다.</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../console/escalation/pages.py" line="149"/>
        <location filename="../../console/escalation/pages.py" line="150"/>
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="151"/>
        <source>Current file</source>
        <translation>현재 파일</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="153"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="153"/>
        <source>Cancel collecting</source>
        <translation>수집 취소</translation>
    </message>
</context>
<context>
    <name>PublicKeyDialog</name>
    <message>
        <location filename="../../console/session/technician_key.py" line="168"/>
        <source>Your new technician key</source>
        <translation>새 기술자 키</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="173"/>
        <source>Your public key for the relay</source>
        <translation>릴레이에 등록할 내 공개 키</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="177"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="177"/>
        <source>Copy your public key</source>
        <translation>내 공개 키 복사</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <location filename="../../console/review/player.py" line="92"/>
        <source>Recorded terminal</source>
        <translation>기록된 터미널</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../console/review/charts.py" line="112"/>
        <source>Report summary</source>
        <translation>보고서 요약</translation>
    </message>
    <message>
        <location filename="../../console/review/charts.py" line="118"/>
        <source>Chart: %s</source>
        <translation>차트: %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/charts.py" line="127"/>
        <source>%n session(s) listed (the filters and search words apply).</source>
        <translation>
            <numerusform>목록의 세션 %n개(필터와 검색어 적용).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/charts.py" line="128"/>
        <source>CSAT: %1 (%n answered survey(s); satisfied: 8–10).</source>
        <translation>
            <numerusform>CSAT: %1(응답한 설문 %n개, 만족: 8–10점).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/review/charts.py" line="129"/>
        <source>Median time to first response: %1; to resolution: %2. Open follow-ups: %3.</source>
        <translation>첫 응답까지 중앙값: %1, 해결까지: %2. 열린 후속 조치: %3.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../console/review/window.py" line="67"/>
        <source>Valuezone review — %s</source>
        <translation>밸류존 검토 — %s</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="78"/>
        <source>Search sessions</source>
        <translation>세션 검색</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="79"/>
        <source>Search terminal text, chat, findings, notes…</source>
        <translation>터미널 내용, 채팅, 진단 결과, 메모 검색…</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="81"/>
        <source>Search hits</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="88"/>
        <source>Session or report</source>
        <translation>세션 또는 보고서</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="89"/>
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="90"/>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="91"/>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="115"/>
        <source>Hits and sessions</source>
        <translation>검색 결과와 세션</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="124"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="125"/>
        <source>&amp;Export report…</source>
        <translation>보고서 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="128"/>
        <source>Save the report of the sessions listed as a web page (HTML)</source>
        <translation>목록의 세션 보고서를 웹 페이지(HTML)로 저장</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="131"/>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="152"/>
        <source>Indexing the archive…</source>
        <translation>보관함 색인 중…</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="157"/>
        <source>Indexing the archive: %1 of %2 records</source>
        <translation>보관함 색인 중: 기록 %2개 중 %1개</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="170"/>
        <source>Indexed: %1 new, %2 changed, %3 removed.</source>
        <translation>색인 완료: 새 기록 %1개, 변경 %2개, 삭제 %3개.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/window.py" line="174"/>
        <source>%n record(s) failed verification.</source>
        <translation>
            <numerusform>기록 %n개가 검증에 실패했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="229"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="314"/>
        <location filename="../../console/review/window.py" line="315"/>
        <source>Export report</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="318"/>
        <source>Web page (*.html *.htm)</source>
        <translation>웹 페이지 (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="335"/>
        <source>Writing the report…</source>
        <translation>보고서를 쓰는 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/review/window.py" line="344"/>
        <source>Report of %n session(s) written to %1.</source>
        <translation>
            <numerusform>세션 %n개의 보고서를 %1에 썼습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="221"/>
        <source>failed verification</source>
        <translation>검증 실패</translation>
    </message>
    <message>
        <location filename="../../console/review/window.py" line="260"/>
        <source>%1 failed verification: %2</source>
        <translation>%1 검증 실패: %2</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <location filename="../../console/kit/prompts.py" line="96"/>
        <source>Save in the system keyring</source>
        <translation>시스템 키링에 저장</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="96"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../console/kit/prompts.py" line="110"/>
        <source>The password was refused. Try again ({attempt} of {tries}).</source>
        <translation>비밀번호가 거부되었습니다. 다시 입력하세요 ({tries}번 중 {attempt}번째).</translation>
    </message>
</context>
<context>
    <name>ServerSource</name>
    <message>
        <location filename="../../console/review/server_source.py" line="45"/>
        <source>team server %1</source>
        <translation>팀 서버 %1</translation>
    </message>
    <message>
        <location filename="../../console/review/server_source.py" line="50"/>
        <source>no team</source>
        <translation>팀 없음</translation>
    </message>
    <message>
        <location filename="../../console/review/server_source.py" line="51"/>
        <source>Team server %1: %2 (%3; %4)</source>
        <translation>팀 서버 %1: %2 (%3; %4)</translation>
    </message>
</context>
<context>
    <name>SessionPlan</name>
    <message>
        <location filename="../../console/session/tab.py" line="61"/>
        <source>Code {code}</source>
        <translation>코드 {code}</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <location filename="../../console/session/tab.py" line="112"/>
        <source>Session status</source>
        <translation>세션 상태</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="116"/>
        <location filename="../../console/session/tab.py" line="429"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="116"/>
        <source>Cancel connecting</source>
        <translation>연결 취소</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="120"/>
        <source>Duplicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="120"/>
        <source>Open a new tab to this device</source>
        <translation>이 장비로 새 탭 열기</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="130"/>
        <source>Terminal of {label}</source>
        <translation>{label} 터미널</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="231"/>
        <source>Not recording yet: the record starts once the session is open.</source>
        <translation>아직 기록하지 않습니다. 세션이 열리면 기록이 시작됩니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="232"/>
        <source>Recording to {folder}</source>
        <translation>{folder}에 기록 중</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="234"/>
        <source>Recording is suspended: the session goes on unrecorded. Use Resume recording in the banner.</source>
        <translation>기록이 일시 중단되었습니다. 세션은 기록 없이 계속됩니다. 배너의 기록 재개를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="236"/>
        <source>Recorded to {folder}</source>
        <translation>{folder}에 기록됨</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="278"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="279"/>
        <source>Password for {who}:</source>
        <translation>{who}의 비밀번호:</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="290"/>
        <source>Key passphrase</source>
        <translation>키 암호</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="291"/>
        <source>Passphrase for the key {path}:</source>
        <translation>키 {path}의 암호:</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="301"/>
        <source>Looking up {label}…</source>
        <translation>{label} 주소를 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="302"/>
        <location filename="../../console/session/tab.py" line="313"/>
        <source>Connecting to {label}…</source>
        <translation>{label}에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="303"/>
        <source>Waiting for {label} to answer (SSH)…</source>
        <translation>{label}의 SSH 응답을 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="304"/>
        <source>Setting up encryption with {label}…</source>
        <translation>{label}와(과) 암호화를 설정하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="305"/>
        <source>Checking the host key of {label}…</source>
        <translation>{label}의 호스트 키를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="306"/>
        <source>Logging in to {label}…</source>
        <translation>{label}에 로그인하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="307"/>
        <location filename="../../console/session/tab.py" line="308"/>
        <source>Opening a shell on {label}…</source>
        <translation>{label}에서 셸을 여는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="309"/>
        <source>Connecting to the relay…</source>
        <translation>릴레이에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="310"/>
        <source>Waiting for the customer to allow the connection…</source>
        <translation>고객이 연결을 허용하기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="327"/>
        <source>Connection lost: reconnecting…</source>
        <translation>연결이 끊어졌습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="330"/>
        <source>Session ended: {reason}</source>
        <translation>세션 종료: {reason}</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="335"/>
        <source>{label} (ended)</source>
        <translation>{label} (종료됨)</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="435"/>
        <source>Create a new key…</source>
        <translation>새 키 만들기…</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="437"/>
        <source>Reconnect</source>
        <translation>다시 연결</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="431"/>
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="366"/>
        <source>Unexpected error: {error}</source>
        <translation>예상하지 못한 오류: {error}</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="383"/>
        <source>A new key was made. Once the relay lists it, join again.</source>
        <translation>새 키를 만들었습니다. 릴레이에 등록되면 다시 참여하세요.</translation>
    </message>
    <message>
        <location filename="../../console/session/tab.py" line="433"/>
        <source>Resume recording</source>
        <translation>녹화 재개</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <location filename="../../console/review/session_view.py" line="81"/>
        <location filename="../../console/review/session_view.py" line="103"/>
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="84"/>
        <source>Chat, original and translation</source>
        <translation>채팅 (원문과 번역)</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="85"/>
        <source>Diagnostic findings</source>
        <translation>진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="86"/>
        <source>Outcome and score</source>
        <translation>결과와 점수</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="89"/>
        <source>Notes and tags</source>
        <translation>메모와 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="90"/>
        <source>New note</source>
        <translation>새 메모</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="91"/>
        <source>Note at the current time…</source>
        <translation>현재 시점의 메모…</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="92"/>
        <source>Add note</source>
        <translation>메모 추가</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="93"/>
        <source>New tag</source>
        <translation>새 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="94"/>
        <source>Tag…</source>
        <translation>태그…</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="95"/>
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="96"/>
        <source>Session view status</source>
        <translation>세션 보기 상태</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="97"/>
        <source>Session details</source>
        <translation>세션 세부 정보</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="98"/>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="99"/>
        <source>Findings</source>
        <translation>진단 결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="100"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="102"/>
        <source>Notes &amp;&amp; tags</source>
        <translation>메모 및 태그</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="160"/>
        <source>Loading the recording…</source>
        <translation>녹화를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="231"/>
        <source>Outcome: %s</source>
        <translation>결과: %s</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="233"/>
        <source>Score: %s/10</source>
        <translation>점수: %s/10</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="234"/>
        <source>No outcome was recorded.</source>
        <translation>기록된 결과가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="245"/>
        <source>Outcome at %1: %2 — %3</source>
        <translation>%1의 결과: %2 — %3</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="248"/>
        <source>solved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="248"/>
        <source>not solved</source>
        <translation>해결 안 됨</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="249"/>
        <source>Customer survey: %1, score %2/10. %3</source>
        <translation>고객 설문: %1, 점수 %2/10. %3</translation>
    </message>
    <message>
        <location filename="../../console/review/session_view.py" line="295"/>
        <source>Saved to the record.</source>
        <translation>기록에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>SessionsTable</name>
    <message>
        <location filename="../../console/review/table.py" line="41"/>
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../console/settings/dialog.py" line="45"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="47"/>
        <source>Settings pages</source>
        <translation>설정 페이지</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="51"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="57"/>
        <source>User interface language</source>
        <translation>화면 언어</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="58"/>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="62"/>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="66"/>
        <source>Terminal font</source>
        <translation>터미널 글꼴</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="69"/>
        <source>Terminal font size</source>
        <translation>터미널 글꼴 크기</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="75"/>
        <source>Terminal font:</source>
        <translation>터미널 글꼴:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="78"/>
        <source>Scrollback lines</source>
        <translation>스크롤백 줄 수</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="82"/>
        <source>Scrollback lines:</source>
        <translation>스크롤백 줄 수:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="85"/>
        <source>Archive folder for session records</source>
        <translation>세션 기록 보관 폴더</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="86"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="87"/>
        <source>Choose the archive folder</source>
        <translation>보관 폴더 선택</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="92"/>
        <source>Archive folder:</source>
        <translation>보관 폴더:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="95"/>
        <source>Relay address (host:port)</source>
        <translation>릴레이 주소 (호스트:포트)</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="99"/>
        <source>One relay as host:port, or the relays of one deployment as host:port,host:port: the first that answers is used, and every one must show the same host key.</source>
        <translation>릴레이 하나는 host:port로, 한 배포의 여러 릴레이는 host:port,host:port로 입력합니다. 먼저 응답하는 릴레이를 사용하며, 모든 릴레이가 같은 호스트 키를 보여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="103"/>
        <source>Relay:</source>
        <translation>릴레이:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="106"/>
        <source>Team server (host:port)</source>
        <translation>팀 서버 (호스트:포트)</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="107"/>
        <source>your relay, e.g. relay.example.com:2222</source>
        <translation>사용하는 릴레이, 예: relay.example.com:2222</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="110"/>
        <source>Finished records are pushed here; follow-ups and review show the team&apos;s records. Several relays of one deployment: host:port,host:port (the first that answers).</source>
        <translation>끝난 기록은 여기로 보내지고, 후속 조치와 검토 창은 팀의 기록을 보여 줍니다. 한 배포의 릴레이 여러 대: host:port,host:port (먼저 응답하는 릴레이를 씁니다).</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="114"/>
        <source>Team server:</source>
        <translation>팀 서버:</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="115"/>
        <source>Team server problem</source>
        <translation>팀 서버 문제</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="121"/>
        <source>Translation</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="123"/>
        <source>Escalation to HQ</source>
        <translation>본사 이관</translation>
    </message>
    <message>
        <location filename="../../console/settings/dialog.py" line="134"/>
        <source>Archive folder</source>
        <translation>보관 폴더</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../console/mainwindow/shortcuts.py" line="58"/>
        <location filename="../../console/mainwindow/shortcuts.py" line="70"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/shortcuts.py" line="63"/>
        <source>While the terminal has the focus, every other key goes to the device: Ctrl+A…Z, Alt+…, F1–F12, Esc, Tab. The console&apos;s own shortcuts are the Ctrl+Shift family, as in GNOME Terminal and Windows Terminal.</source>
        <translation>터미널에 포커스가 있으면 그 밖의 모든 키는 장비로 전달됩니다: Ctrl+A…Z, Alt+…, F1–F12, Esc, Tab. 콘솔 자체의 단축키는 GNOME 터미널, Windows 터미널처럼 Ctrl+Shift 조합입니다.</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/shortcuts.py" line="71"/>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/shortcuts.py" line="71"/>
        <source>What</source>
        <translation>기능</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/shortcuts.py" line="71"/>
        <source>Keys</source>
        <translation>키</translation>
    </message>
</context>
<context>
    <name>SshConfigImportDialog</name>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="45"/>
        <source>Import devices from ~/.ssh/config</source>
        <translation>~/.ssh/config에서 장치 가져오기</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="50"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="52"/>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="52"/>
        <source>Choose another file</source>
        <translation>다른 파일 선택</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="54"/>
        <source>Read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="54"/>
        <source>Read the file again</source>
        <translation>파일 다시 읽기</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="56"/>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="61"/>
        <source>Hosts found</source>
        <translation>찾은 호스트</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="68"/>
        <source>What was left out</source>
        <translation>제외된 항목</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="73"/>
        <source>Folder for the imported devices</source>
        <translation>가져온 장치의 폴더</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="76"/>
        <source>Put them in folder:</source>
        <translation>넣을 폴더:</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="78"/>
        <source>Import result</source>
        <translation>가져오기 결과</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="84"/>
        <source>Import ticked</source>
        <translation>선택한 항목 가져오기</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="86"/>
        <source>Import the ticked hosts</source>
        <translation>선택한 호스트 가져오기</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="95"/>
        <source>OpenSSH config file</source>
        <translation>OpenSSH 설정 파일</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="112"/>
        <source>Nothing was left out.</source>
        <translation>제외된 항목이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="114"/>
        <source>No host to import was found in this file.</source>
        <translation>이 파일에서 가져올 호스트를 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="121"/>
        <source>already in the book as {name}</source>
        <translation>이미 {name}(으)로 목록에 있음</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="122"/>
        <source>the name is taken by another device ({name})</source>
        <translation>다른 장치가 쓰는 이름입니다({name})</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="127"/>
        <source>through {proxy}: noted, Valuezone connects directly</source>
        <translation>{proxy} 경유: 기록만 하며 Valuezone은 직접 연결합니다</translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="133"/>
        <source>(your user name)</source>
        <translation>(사용자 이름)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/devices/import_dialog.py" line="156"/>
        <source>%n device(s) imported.</source>
        <translation>
            <numerusform>장치 %n개를 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/devices/import_dialog.py" line="159"/>
        <source>{name}: not imported: {why}</source>
        <translation>{name}: 가져오지 않음: {why}</translation>
    </message>
</context>
<context>
    <name>TeamService</name>
    <message>
        <location filename="../../console/team/service.py" line="158"/>
        <source>Team server: %s</source>
        <translation>팀 서버: %s</translation>
    </message>
    <message>
        <location filename="../../console/team/service.py" line="162"/>
        <source>Team server: %1 records pushed, %2 refused</source>
        <translation>팀 서버: 기록 %1개 보냄, %2개 거부됨</translation>
    </message>
</context>
<context>
    <name>TechnicianKey</name>
    <message>
        <location filename="../../console/session/technician_key.py" line="188"/>
        <source>Send this line to your relay&apos;s administrator, who adds it to the relay&apos;s technicians file. Until then the relay refuses the key.</source>
        <translation>이 한 줄을 릴레이 관리자에게 보내 주세요. 관리자가 릴레이의 기술자 파일에 추가합니다. 그 전까지 릴레이는 이 키를 거부합니다.</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="236"/>
        <source>The relay at {relay} does not list this technician key. Send this public key line to the relay&apos;s administrator, then join again: {line}</source>
        <translation>{relay} 릴레이에 이 기술자 키가 등록되어 있지 않습니다. 이 공개 키 한 줄을 릴레이 관리자에게 보낸 뒤 다시 참여하세요: {line}</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="242"/>
        <source>Your technician key cannot be opened any more: its random passphrase was kept in a system keyring this computer does not have (or no longer has). Create a new key and send its public line to the relay&apos;s administrator.</source>
        <translation>기술자 키를 더 이상 열 수 없습니다. 키의 무작위 암호문이 이 컴퓨터에 없는(또는 더 이상 없는) 시스템 키링에 보관되어 있었습니다. 새 키를 만들고 공개 키 한 줄을 릴레이 관리자에게 보내 주세요.</translation>
    </message>
</context>
<context>
    <name>TechnicianPassphraseDialog</name>
    <message>
        <location filename="../../console/session/technician_key.py" line="129"/>
        <source>Unlock your technician key</source>
        <translation>기술자 키 잠금 해제</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="132"/>
        <source>Wrong passphrase. Try again ({attempt} of {tries}).</source>
        <translation>암호문이 틀렸습니다. 다시 입력하세요 ({tries}번 중 {attempt}번째).</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="138"/>
        <source>Passphrase for your technician key {path} ({fingerprint}), to log in to the relay:</source>
        <translation>릴레이에 로그인할 기술자 키 {path} ({fingerprint})의 암호문:</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="140"/>
        <source>Technician key passphrase</source>
        <translation>기술자 키 암호문</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="144"/>
        <source>Add to ssh-agent (not asked again while the agent runs)</source>
        <translation>ssh-agent에 추가 (에이전트가 실행되는 동안 다시 묻지 않음)</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="146"/>
        <source>Add the key to ssh-agent</source>
        <translation>키를 ssh-agent에 추가</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="150"/>
        <source>Save in the system keyring</source>
        <translation>시스템 키링에 저장</translation>
    </message>
    <message>
        <location filename="../../console/session/technician_key.py" line="150"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
</context>
<context>
    <name>TerminalWidget</name>
    <message>
        <location filename="../../console/terminal/widget.py" line="105"/>
        <source>Terminal</source>
        <translation>터미널</translation>
    </message>
    <message>
        <location filename="../../console/terminal/widget.py" line="141"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../console/terminal/widget.py" line="143"/>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../console/review/player.py" line="176"/>
        <source>Timeline markers</source>
        <translation>타임라인 표시</translation>
    </message>
</context>
<context>
    <name>ToolActions</name>
    <message>
        <location filename="../../console/mainwindow/tools.py" line="46"/>
        <source>&amp;Review archive…</source>
        <translation>기록 보관소 검토(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/tools.py" line="54"/>
        <source>&amp;Files of this session</source>
        <translation>이 세션의 파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../console/mainwindow/tools.py" line="60"/>
        <source>&amp;Web admin page of this session…</source>
        <translation>이 세션의 웹 관리 페이지(&amp;W)…</translation>
    </message>
</context>
<context>
    <name>TransfersView</name>
    <message>
        <location filename="../../console/files/transfers_view.py" line="66"/>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="71"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="71"/>
        <source>Cancel this transfer</source>
        <translation>이 전송 취소</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="82"/>
        <source>({done} of {total} files)</source>
        <translation>(파일 {total}개 중 {done}개)</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="86"/>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="88"/>
        <source>Copying</source>
        <translation>복사 중</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/files/transfers_view.py" line="90"/>
        <source>, %n left out</source>
        <translation>
            <numerusform>, %n개 제외</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="91"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="93"/>
        <source>Cancelled: nothing half copied was kept</source>
        <translation>취소됨: 복사하다 만 파일은 남기지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="95"/>
        <source>Skipped: the name is taken</source>
        <translation>건너뜀: 이미 있는 이름</translation>
    </message>
    <message>
        <location filename="../../console/files/transfers_view.py" line="97"/>
        <source>Failed: {error}</source>
        <translation>실패: {error}</translation>
    </message>
</context>
<context>
    <name>TranslationSettings</name>
    <message>
        <location filename="../../console/settings/translation_page.py" line="62"/>
        <source>Providers, tried in this order</source>
        <translation>번역 서비스(이 순서로 시도)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="64"/>
        <source>Translation providers</source>
        <translation>번역 서비스</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="76"/>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="76"/>
        <source>Try this provider earlier</source>
        <translation>이 서비스를 먼저 시도</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="78"/>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="78"/>
        <source>Try this provider later</source>
        <translation>이 서비스를 나중에 시도</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="90"/>
        <source>LibreTranslate address</source>
        <translation>LibreTranslate 주소</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="93"/>
        <source>LibreTranslate server:</source>
        <translation>LibreTranslate 서버:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="97"/>
        <source>Microsoft Translator region</source>
        <translation>Microsoft Translator 지역</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="100"/>
        <source>Microsoft region:</source>
        <translation>Microsoft 지역:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="105"/>
        <source>The language you read</source>
        <translation>읽는 언어</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="111"/>
        <source>Translate the customer into:</source>
        <translation>고객의 말을 번역할 언어:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="113"/>
        <source>Seconds to wait for each provider</source>
        <translation>서비스마다 기다릴 초</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="118"/>
        <source>Wait per provider:</source>
        <translation>서비스별 대기 시간:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="119"/>
        <source>Keep translations in a local cache</source>
        <translation>번역을 로컬 캐시에 보관</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="124"/>
        <location filename="../../console/settings/translation_page.py" line="129"/>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="127"/>
        <source>Sample text to translate</source>
        <translation>번역할 예문</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="129"/>
        <source>Translate the sample</source>
        <translation>예문 번역</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="137"/>
        <source>Test result</source>
        <translation>테스트 결과</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="147"/>
        <source>Google (no key)</source>
        <translation>Google(키 없음)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="148"/>
        <source>MyMemory (no key)</source>
        <translation>MyMemory(키 없음)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="149"/>
        <source>DeepL (key)</source>
        <translation>DeepL(키)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="150"/>
        <source>Microsoft (key, region)</source>
        <translation>Microsoft(키, 지역)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="151"/>
        <source>Papago (client id:secret)</source>
        <translation>Papago(client id:secret)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="152"/>
        <source>LibreTranslate (your server)</source>
        <translation>LibreTranslate(자체 서버)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="186"/>
        <source>DeepL API key:</source>
        <translation>DeepL API 키:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="187"/>
        <source>Microsoft key:</source>
        <translation>Microsoft 키:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="188"/>
        <source>Papago client id:secret:</source>
        <translation>Papago client id:secret:</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="189"/>
        <source>LibreTranslate key (optional):</source>
        <translation>LibreTranslate 키(선택):</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="197"/>
        <source>Forget</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="197"/>
        <source>Delete the saved key</source>
        <translation>저장된 키 삭제</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="210"/>
        <source>saved in the keyring (type to replace)</source>
        <translation>키링에 저장됨(입력하면 바뀜)</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="210"/>
        <source>none saved</source>
        <translation>저장된 키 없음</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="228"/>
        <source>Translating the sample…</source>
        <translation>예문 번역 중…</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="245"/>
        <source>Tick at least one provider.</source>
        <translation>서비스를 하나 이상 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="252"/>
        <source>{provider} answered in {seconds:.2f} s: {text}</source>
        <translation>{provider} 응답 {seconds:.2f}초: {text}</translation>
    </message>
    <message>
        <location filename="../../console/settings/translation_page.py" line="258"/>
        <source>{provider} failed after {seconds:.2f} s: {error}</source>
        <translation>{provider} {seconds:.2f}초 후 실패: {error}</translation>
    </message>
</context>
<context>
    <name>WaitingDialog</name>
    <message>
        <location filename="../../console/session/end_dialog.py" line="158"/>
        <source>Survey</source>
        <translation>설문</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="161"/>
        <source>Waiting for the customer to answer the survey in their agent…</source>
        <translation>고객이 에이전트에서 설문에 답하기를 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="163"/>
        <source>Waiting for the customer</source>
        <translation>고객을 기다리는 중</translation>
    </message>
    <message>
        <location filename="../../console/session/end_dialog.py" line="166"/>
        <source>Stop waiting</source>
        <translation>기다리기 중지</translation>
    </message>
</context>
<context>
    <name>WaitingPage</name>
    <message>
        <location filename="../../console/escalation/pages.py" line="290"/>
        <source>Waiting for the customer</source>
        <translation>고객을 기다리는 중</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="294"/>
        <source>Stop waiting</source>
        <translation>기다리기 중지</translation>
    </message>
    <message>
        <location filename="../../console/escalation/pages.py" line="307"/>
        <source>Waiting for the customer… They see the list of files and {destination} on their screen, in their language, and choose Allow or Decline.</source>
        <translation>고객을 기다리는 중… 고객은 자신의 화면에서 자신의 언어로 파일 목록과 {destination}을(를) 보고 허용 또는 거절을 선택합니다.</translation>
    </message>
</context>
<context>
    <name>WebAdmin</name>
    <message>
        <location filename="../../console/webadmin/controller.py" line="77"/>
        <source>Open a session first: the web admin page opens through it.</source>
        <translation>먼저 세션을 여세요. 웹 관리 페이지는 세션을 통해 열립니다.</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/controller.py" line="93"/>
        <source>The session is not connected: connect it, then open the web admin page.</source>
        <translation>세션이 연결되어 있지 않습니다. 연결한 뒤 웹 관리 페이지를 여세요.</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/controller.py" line="102"/>
        <source>Asking the customer to allow the web admin page (port {port})…</source>
        <translation>고객에게 웹 관리 페이지(포트 {port}) 허용을 묻는 중…</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/controller.py" line="118"/>
        <source>Web admin page of {device} opened in your browser: {url} (until the session ends)</source>
        <translation>{device}의 웹 관리 페이지를 브라우저에서 열었습니다: {url} (세션이 끝날 때까지)</translation>
    </message>
</context>
<context>
    <name>WebAdminDialog</name>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="19"/>
        <source>Web admin page of {device}</source>
        <translation>{device}의 웹 관리 페이지</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="23"/>
        <source>The page opens in your browser at an address on this computer only (127.0.0.1), through the session. Through a code the customer is asked first. It closes when the session ends.</source>
        <translation>페이지는 세션을 통해 이 컴퓨터에서만 쓰는 주소(127.0.0.1)로 브라우저에서 열립니다. 코드로 연결한 경우 먼저 고객에게 묻습니다. 세션이 끝나면 닫힙니다.</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="30"/>
        <source>Protocol</source>
        <translation>프로토콜</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="32"/>
        <source>Port on the device</source>
        <translation>장치의 포트</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="38"/>
        <source>Protocol:</source>
        <translation>프로토콜:</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="39"/>
        <source>Port on the device:</source>
        <translation>장치의 포트:</translation>
    </message>
    <message>
        <location filename="../../console/webadmin/dialog.py" line="43"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
</context>
<context>
    <name>_EntryView</name>
    <message>
        <location filename="../../console/session/chat_pane.py" line="61"/>
        <source>Retry translation</source>
        <translation>번역 다시 시도</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="71"/>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="71"/>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="89"/>
        <source>not translated: it held a secret</source>
        <translation>번역 안 함: 비밀 정보가 들어 있음</translation>
    </message>
    <message>
        <location filename="../../console/session/chat_pane.py" line="90"/>
        <source>shown only here; recorded with it redacted</source>
        <translation>여기에만 보이며, 기록에는 가려서 남깁니다</translation>
    </message>
</context>
<context>
    <name>tab</name>
    <message>
        <location filename="../../console/session/end_dialog.py" line="192"/>
        <source>No survey answer: {error}</source>
        <translation>설문 답변 없음: {error}</translation>
    </message>
</context>
</TS>
