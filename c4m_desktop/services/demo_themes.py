"""Themes for demo data: real crafts and heritage of each site (FIELD.md), in English and local script.

Local names are built as the language builds them (Thai, Khmer and Lao put the group word
first, Vietnamese too; Burmese puts it last).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Craft:
    en: str
    local: str
    sector: str
    product: str


@dataclass(frozen=True)
class SiteTheme:
    places: tuple[tuple[str, str], ...]  # (English, local)
    crafts: tuple[Craft, ...]
    kinds: tuple[tuple[str, str, str], ...]  # (kind code, English word, local word)
    group_word_first: bool
    people: tuple[str, ...]
    phone_prefix: str
    usd_rate: int  # local currency units per US dollar, rounded, for plausible amounts


THEMES: dict[str, SiteTheme] = {
    "AYU": SiteTheme(
        places=(("Tha Chang", "ท่าช้าง"), ("Nakhon Luang", "นครหลวง"), ("Ban Hua Laem", "บ้านหัวแหลม"),
                ("Bang Sai", "บางไทร"), ("Bang Pa-in", "บางปะอิน"), ("Sena", "เสนา")),
        crafts=(Craft("Aranyik Knife", "มีดอรัญญิก", "crafts", "Aranyik kitchen and garden knives"),
                Craft("Palm-leaf Fish Mobile", "ปลาตะเพียนใบลาน", "crafts", "Palm-leaf fish mobiles"),
                Craft("Bamboo Basketry", "จักสานไม้ไผ่", "crafts", "Woven bamboo baskets and trays"),
                Craft("Thai Dessert", "ขนมไทย", "culinary", "Traditional Thai desserts"),
                Craft("Khon Mask", "หัวโขน", "performing_arts", "Khon masks and performances"),
                Craft("Roti Sai Mai", "โรตีสายไหม", "culinary", "Roti sai mai candy floss wraps")),
        kinds=(("artisan_group", "Group", "กลุ่ม"), ("enterprise", "Community Enterprise", "วิสาหกิจชุมชน"),
               ("cooperative", "Cooperative", "สหกรณ์"), ("association", "Association", "สมาคม")),
        group_word_first=True,
        people=("Somchai Saetang", "Malee Boonmee", "Suda Phromma", "Anan Kaewkla", "Kanya Srisuk",
                "Prasert Thongdee"),
        phone_prefix="+66 8", usd_rate=35,
    ),
    "SRP": SiteTheme(
        places=(("Puok", "ពួក"), ("Angkor Thom", "អង្គរធំ"), ("Banteay Srei", "បន្ទាយស្រី"),
                ("Prasat Bakong", "ប្រាសាទបាគង"), ("Chi Kraeng", "ជីក្រែង")),
        crafts=(Craft("Silk Weaving", "ត្បាញសូត្រ", "crafts", "Hand-woven silk scarves and sarongs"),
                Craft("Stone Carving", "ឆ្លាក់ថ្ម", "crafts", "Sandstone carvings of Angkorian motifs"),
                Craft("Wood Carving", "ឆ្លាក់ឈើ", "crafts", "Wood carvings and Apsara figures"),
                Craft("Silversmith", "ជាងប្រាក់", "crafts", "Silver-plated boxes and jewellery"),
                Craft("Apsara Dance", "របាំអប្សរា", "performing_arts", "Apsara dance performances"),
                Craft("Palm Sugar", "ស្ករត្នោត", "culinary", "Palm sugar and sweets")),
        kinds=(("artisan_group", "Group", "ក្រុម"), ("association", "Association", "សមាគម"),
               ("cooperative", "Cooperative", "សហករណ៍"), ("informal_group", "Community", "សហគមន៍")),
        group_word_first=True,
        people=("Sokha Chea", "Dara Sok", "Sophea Lim", "Chanthy Keo", "Vibol Meas", "Srey Mom Phan"),
        phone_prefix="+855 1", usd_rate=4100,
    ),
    "HUE": SiteTheme(
        places=(("Tay Ho", "Tây Hồ"), ("Sinh Village", "làng Sình"), ("Thanh Tien", "Thanh Tiên"),
                ("Phuoc Tich", "Phước Tích"), ("Kim Long", "Kim Long"), ("Huong Thuy", "Hương Thủy")),
        crafts=(Craft("Conical Hat", "nón lá", "crafts", "Hue conical hats (GI Huế)"),
                Craft("Sinh Folk Painting", "tranh làng Sình", "visual_arts", "Sinh village woodblock folk paintings"),
                Craft("Paper Flower", "hoa giấy", "crafts", "Thanh Tiên paper flowers"),
                Craft("Pottery", "gốm", "crafts", "Phước Tích pottery"),
                Craft("Royal Court Music", "Nhã nhạc cung đình", "music", "Nhã nhạc court music performances"),
                Craft("Sesame Candy", "mè xửng", "culinary", "Hue sesame candy")),
        kinds=(("cooperative", "Cooperative", "Hợp tác xã"), ("artisan_group", "Group", "Tổ hợp tác"),
               ("association", "Association", "Hội"), ("hub", "Creative Hub", "Không gian sáng tạo")),
        group_word_first=True,
        people=("Nguyễn Thị Lan", "Trần Văn Minh", "Lê Thị Hoa", "Phạm Văn Hùng", "Hoàng Thị Mai",
                "Võ Văn Nam"),
        phone_prefix="+84 9", usd_rate=25000,
    ),
    "LPB": SiteTheme(
        places=(("Ban Xang Khong", "ບ້ານຊ່າງຄ້ອງ"), ("Ban Phanom", "ບ້ານພະນົມ"), ("Ban Chan", "ບ້ານຈັນ"),
                ("Ban Xang Hai", "ບ້ານຊ່າງໄຫ")),
        crafts=(Craft("Saa Paper", "ເຈ້ຍສາ", "crafts", "Mulberry (saa) paper, lanterns and notebooks"),
                Craft("Silk Weaving", "ທໍຜ້າໄໝ", "crafts", "Luang Prabang silk (GI 2020)"),
                Craft("Pottery", "ເຄື່ອງປັ້ນດິນເຜົາ", "crafts", "Riverside pottery"),
                Craft("Lao Cuisine", "ອາຫານລາວ", "culinary", "Luang Prabang cooking classes and jeow")),
        kinds=(("artisan_group", "Group", "ກຸ່ມ"), ("association", "Association", "ສະມາຄົມ"),
               ("cooperative", "Cooperative", "ສະຫະກອນ")),
        group_word_first=True,
        people=("Souk Phommachanh", "Bounmy Keomany", "Khamla Vongsa", "Phonsavan Sisouk",
                "Vanh Inthavong"),
        phone_prefix="+856 20 ", usd_rate=21500,
    ),
    "BGN": SiteTheme(
        places=(("Myinkaba", "မြင်းကပါ"), ("Nyaung-U", "ညောင်ဦး"), ("New Bagan", "ပုဂံမြို့သစ်"),
                ("Minnanthu", "မင်းနံသူ")),
        crafts=(Craft("Lacquerware", "ယွန်းထည်", "crafts", "Bagan lacquerware bowls and boxes"),
                Craft("Puppet", "ရုပ်သေး", "performing_arts", "Marionettes and puppet shows"),
                Craft("Sand Painting", "သဲပန်းချီ", "visual_arts", "Sand paintings of temple murals"),
                Craft("Palm Jaggery", "ထန်းလျက်", "culinary", "Toddy palm jaggery"),
                Craft("Weaving", "ယက်ကန်း", "crafts", "Hand-loom cotton textiles")),
        kinds=(("association", "Association", "အသင်း"), ("artisan_group", "Group", "အဖွဲ့"),
               ("cooperative", "Cooperative", "သမဝါယမ")),
        group_word_first=False,
        people=("Daw Khin Mar", "U Min Thu", "Ma Thandar", "Ko Zaw Win", "Daw Aye Aye"),
        phone_prefix="+95 9 ", usd_rate=2100,
    ),
}
