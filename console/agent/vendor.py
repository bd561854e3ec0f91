"""The customer's window: who gives the support (logo, name, phone, web address) and wrapping lists."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QFont, QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QListWidget, QVBoxLayout, QWidget

from console.kit.widgets import named
from sessions.agent.catalogue import Catalogue
from sessions.vendor import Vendor
from sessions.visible import visible

LOGO_MAX_SIDE = 1024  # pixels: a larger image (from the relay, say) is not decoded at all


def decode_logo(data: bytes) -> QPixmap | None:
    """The PNG *data* as a pixmap, or None: PNG only, its size checked before it is decoded."""
    if not data:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"png"))
    reader.setDecideFormatFromContent(False)
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) > LOGO_MAX_SIDE:
        return None
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


class VendorBox(QWidget):
    """A row above the code: logo, the vendor's name in the customer's language, phone and web address.

    Everything is plain text (never markup, never a link: a vendor from the relay is only its word),
    and a vendor that came from the relay says so under its name.
    """

    def __init__(self, texts: Catalogue) -> None:
        super().__init__()
        self.texts = texts
        self.setObjectName("agentVendor")
        self._pixmap: QPixmap | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo = QLabel()
        self.logo.setObjectName("agentVendorLogo")
        row.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        self.name = self._label("agentVendorName")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name.setFont(font)
        self.contact = self._label("agentVendorContact")
        self.source = self._label("agentVendorSource")
        self.source.setStyleSheet("color: palette(mid);")
        for label in (self.name, self.contact, self.source):
            column.addWidget(label)
        row.addLayout(column, 1)
        self.hide()

    def _label(self, name: str) -> QLabel:
        label = named(QLabel(), name, "")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_vendor(self, vendor: Vendor, relay: str) -> None:
        """Show *vendor*; *relay* is the relay's address when the vendor is only the relay's word."""
        self.name.setText(vendor.name_in(self.texts.lang))
        self.name.setAccessibleName(vendor.name_in(self.texts.lang))
        contact = []
        if vendor.phone:
            contact.append(self.texts.text("vendor.phone", phone=vendor.phone))
        if vendor.url:
            contact.append(vendor.url)
        self.contact.setText("   ".join(contact))
        self.contact.setVisible(bool(contact))
        self.source.setText(self.texts.text("vendor.from_relay", relay=visible(relay)) if relay else "")
        self.source.setVisible(bool(relay))
        self._pixmap = decode_logo(vendor.logo)
        if self._pixmap is not None:
            self.logo.setPixmap(self.logo_pixmap(56) or QPixmap())
        self.logo.setVisible(self._pixmap is not None)
        self.show()

    def logo_pixmap(self, side: int) -> QPixmap | None:
        """The logo scaled to fit *side* × *side* pixels, or None without one."""
        if self._pixmap is None:
            return None
        return self._pixmap.scaled(
            QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )


def wrapping(view: QListWidget) -> QListWidget:
    """*view* with long lines wrapped at the view's width (chat, activity), never a sideways scroll."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
