# ruff: noqa: E501
"""Site-wide demo data: axes, attributes, warehouses, banners and scenario page texts."""

from __future__ import annotations

# (code, name_zh, name_en)
AXES: tuple[tuple[str, str, str], ...] = (
    ("color", "颜色", "Colour"),
    ("size", "尺码", "Size"),
    ("material", "材质", "Material"),
    ("capacity", "容量", "Capacity"),
    ("spec", "规格", "Specification"),
    ("flavor", "口味", "Flavour"),
    ("scent", "香型", "Scent"),
)

# (code, name_zh, name_en)
ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("origin", "产地", "Origin"),
    ("skin_type", "适用肤质", "Skin type"),
    ("efficacy", "功效", "Benefit"),
    ("age_range", "适用年龄", "Age range"),
    ("season", "适用季节", "Season"),
    ("fit", "版型", "Fit"),
    ("scene", "适用场景", "Occasion"),
    ("hob", "适用炉灶", "Hob type"),
    ("interface", "接口", "Connector"),
    ("waterproof", "防水等级", "Water resistance"),
    ("shelf_life", "保质期", "Shelf life"),
    ("storage", "储存方式", "Storage"),
)

# (code, name_zh, name_en, region, province): the region is the merchant's own words, in the
# shop's language; the province is where parcels leave from (delivery estimates)
WAREHOUSES: tuple[tuple[str, str, str, str, str], ...] = (
    ("SH", "上海嘉定仓", "Shanghai Jiading Warehouse", "华东", "上海市"),
    ("GZ", "广州白云仓", "Guangzhou Baiyun Warehouse", "华南", "广东省"),
    ("CD", "成都双流仓", "Chengdu Shuangliu Warehouse", "西南", "四川省"),
)

# Categories whose goods the law lets a shop exclude from 7-day no-reason returns (food that
# spoils or is opened, hygiene goods once unsealed): their products say so instead, and
# sub-categories inherit it (food-drinks covers snacks, tea, coffee and pantry staples).
NO_REASON_RETURNS_DAYS: dict[str, int] = {
    "food-drinks": 0,
    "diapers": 0,
    "face-masks": 0,
    "oral-care": 0,
}

# (title_zh, title_en, subtitle_zh, subtitle_en, link)
BANNERS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "在家做咖啡",
        "Home Café",
        "一把手冲壶、一包新鲜豆，开启居家咖啡时光",
        "A pour-over kettle and fresh beans are all you need",
        "/s/home-cafe",
    ),
    (
        "育儿好物指南",
        "Parenting Essentials",
        "儿科护士与二胎妈妈整理的实用清单",
        "A practical list from a paediatric nurse and experienced mums",
        "/s/parenting-tips",
    ),
    (
        "换季保湿 修护屏障",
        "Dry-Season Skin Reset",
        "玻尿酸与神经酰胺精选，告别换季干燥",
        "Hyaluronic acid and ceramide picks for the dry months",
        "/c/beauty-skincare",
    ),
)

# Scenario pages.  Block recipes: ("text", zh, en) / ("image", alt_zh, alt_en) /
# ("products", title_zh, title_en, subcategory slug, how many).
SCENARIOS: tuple[dict[str, object], ...] = (
    {
        "slug": "parenting-tips",
        "title_zh": "育儿好物指南",
        "title_en": "Parenting Tips & Essentials",
        "summary_zh": "从喂养、洗护到穿衣和玩耍，写给新手爸妈的实用建议与精选好物。",
        "summary_en": "Practical advice for new parents on feeding, bathing, dressing and play, with the products we trust.",
        "blocks": (
            (
                "text",
                "新手爸妈最常见的焦虑，往往来自“买什么”和“怎么用”。我们请教了一位儿科护士和三位二胎妈妈，把她们的经验整理成这份指南：东西不在多，而在于安全、好清洁、用得顺手。\n\n"
                "喂养方面，新生儿阶段建议准备4至6个奶瓶：玻璃奶瓶在家用，PPSU奶瓶外出带。每次用完及时清洗，每天至少消毒一次，奶嘴每2至3个月更换。",
                "New parents worry most about what to buy and how to use it. We asked a paediatric nurse and three second-time mums, and distilled their experience into this guide: you do not need much, but what you have should be safe, easy to clean and easy to use.\n\n"
                "For feeding, keep four to six bottles for the newborn months: glass at home and PPSU for outings. Wash them straight after use, sterilise at least once a day and replace teats every two to three months.",
            ),
            ("products", "喂养好物", "Feeding essentials", "feeding", 6),
            ("image", "妈妈在窗边给宝宝喂奶", "A mother feeding her baby by the window"),
            (
                "text",
                "新生儿不必天天洗澡，每周2至3次就够了。水温控制在37至40℃，用手肘内侧试温。洗护用品选无香精、弱酸性的温和配方，擦干后3分钟内涂润肤乳，锁水效果最好。\n\n"
                "纸尿裤按体重选码，腰腿出现红印就该升一个码；每次更换后让小屁屁透透气，再薄涂一层护臀膏。",
                "Newborns do not need a daily bath: two or three times a week is enough. Keep the water at 37-40°C and test it with your inner elbow. Choose fragrance-free, mildly acidic products and apply lotion within three minutes of drying to lock in moisture.\n\n"
                "Size diapers by weight and go up a size when you see red marks on the waist or legs. After each change, let the skin breathe for a moment before a thin layer of barrier cream.",
            ),
            ("products", "温和洗护", "Gentle bath time", "baby-care", 6),
            ("products", "干爽一整晚", "Dry all night", "diapers", 4),
            (
                "text",
                "穿衣遵循“比大人多一件”的原则，但以摸后颈温热、不出汗为准。贴身衣物认准A类标准，新衣服先洗一遍再穿。\n\n"
                "玩具要看月龄标识，3岁以下避开小零件。比起一次买很多，不如选积木、布书这类能反复玩出新花样的开放式玩具，每天陪孩子玩上20分钟。",
                "Dress babies in one more layer than you are wearing, but check the back of the neck: warm and dry is right. Next-to-skin clothes should meet Class A standards, and new clothes should be washed before the first wear.\n\n"
                "Match toys to the age label and avoid small parts under three. Rather than buying lots at once, choose open-ended toys such as blocks and cloth books that can be played with in new ways, and spend twenty minutes a day playing together.",
            ),
            ("products", "舒适穿搭", "Comfortable clothes", "baby-clothing", 6),
            ("image", "宝宝在地垫上搭积木", "A toddler building with blocks on a play mat"),
            ("products", "玩中学", "Learning through play", "toys", 6),
        ),
    },
    {
        "slug": "home-cafe",
        "title_zh": "在家做咖啡",
        "title_en": "Home Café",
        "summary_zh": "不用昂贵的咖啡机，一把手冲壶、一包新鲜咖啡豆，就能在家喝到一杯好咖啡。",
        "summary_en": "No expensive machine needed: a pour-over kettle and a bag of fresh beans make great coffee at home.",
        "blocks": (
            (
                "text",
                "在家做咖啡，最容易上手的方式是手冲。你只需要一把细口手冲壶、一个滤杯和一台电子秤。\n\n"
                "水温控制在90至93℃，粉水比从1:15开始：15克咖啡粉配225毫升水。先注入30毫升水闷蒸30秒，再分两到三次注水，总时间控制在2分30秒左右。",
                "The easiest way into home coffee is pour-over. All you need is a gooseneck kettle, a dripper and a scale.\n\n"
                "Keep the water at 90-93°C and start at a 1:15 ratio: 15 g of coffee to 225 ml of water. Bloom with 30 ml for 30 seconds, then pour the rest in two or three stages, aiming for about two and a half minutes in total.",
            ),
            ("image", "清晨厨房里的手冲咖啡", "Pour-over coffee in a morning kitchen"),
            ("products", "冲煮器具", "Brewing gear", "coffee-tea", 6),
            (
                "text",
                "豆子决定了一杯咖啡的上限。选择标注烘焙日期的新鲜豆子，烘焙后7至30天风味最佳。浅烘适合手冲，能喝出花果香；深烘苦甜浓郁，更适合做拿铁。\n\n"
                "没有磨豆机也没关系，挂耳咖啡是最省事的入门选择；磨好的粉请密封冷藏，并在一周内喝完。",
                "Beans set the ceiling for your cup. Buy bags with a roast date and drink them 7 to 30 days after roasting. Light roasts bring out floral, fruity notes in pour-over; dark roasts are rich and bittersweet, better for lattes.\n\n"
                "No grinder? Drip bags are the easiest way to start. Keep ground coffee sealed in the fridge and finish it within a week.",
            ),
            ("products", "咖啡豆与冲饮", "Beans and more", "coffee-drinks", 6),
            (
                "text",
                "夏天可以试试冷萃：咖啡粉与冷水按1:10混合，冷藏浸泡12小时后过滤，口感顺滑、酸度更低。\n\n"
                "装进保温杯带出门，一整天都能喝到自己做的好咖啡。杯子用完当天清洗，每周用小苏打泡一次去除咖啡渍。",
                "In summer, try cold brew: mix grounds with cold water at 1:10, steep in the fridge for 12 hours and filter for a smooth, low-acid cup.\n\n"
                "Pour it into an insulated bottle and you have your own good coffee all day. Rinse the bottle the same day and soak it weekly in baking soda to lift coffee stains.",
            ),
            ("image", "露台上的冷萃咖啡和随行杯", "Cold brew and a travel mug on a balcony"),
            ("products", "随行好杯", "Cups to go", "drinkware", 4),
        ),
    },
)
