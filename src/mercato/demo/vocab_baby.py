# ruff: noqa: E501
"""Vocabulary: 母婴用品 / Baby & Maternity (format: see vocab_format)."""

TEXT = """
TOP baby-maternity | 母婴用品 | Baby & Maternity | BAB
series 暖抱 | Snuggle | 柔软温暖，像被抱在怀里一样安心 | soft and warm, as reassuring as a cuddle
series 成长 | Grow Up | 陪伴宝宝走过每个成长阶段 | made to grow with your child through every stage
series 柔护 | Soft Care | 以温和安全为第一原则 | with gentleness and safety as the first rule
series 萌趣 | Little Fun | 用可爱的设计让日常更轻松 | using playful design to make daily routines easier
video 工艺揭秘：婴童用品的三道安全关卡 | Behind the Process: Three Safety Checkpoints | 每一批{name}出厂前都要经过原料检测、在线抽检和成品检测三道关卡，重点检测甲醛、可迁移元素和小部件脱落风险。视频带你走进质检实验室。 | Every batch of the {name} passes three checkpoints before it ships: raw-material testing, in-line sampling and finished-goods inspection, focusing on formaldehyde, migratable elements and small-part hazards. The video takes you into the QC lab.
video 工艺揭秘：和60个家庭一起设计 | Behind the Process: Designed with 60 Families | {name}在量产前交给60个家庭试用了一个月，根据反馈修改了11处细节。视频记录了它从手绘草图到最终定版的全过程。 | Before mass production, 60 families tested the {name} for a month, and their feedback changed eleven details. The video follows it from hand sketch to final design.
case 用户故事：新手爸爸的第一个月 | Customer Story: A New Dad's First Month | 杭州的王先生在太太坐月子期间承担了夜间照护。他说{name}让凌晨三点的手忙脚乱少了一半：“好用的东西，就是不用想就能上手。” | Mr Wang in Hangzhou took the night shifts while his wife recovered after the birth. He says the {name} halved the 3 a.m. chaos: good gear is the kind you can use without thinking.
case 用户故事：二胎妈妈的省心清单 | Customer Story: A Second-Time Mum's List | 成都的李女士有两个孩子，她把{name}写进了给闺蜜的待产清单：“第一胎走了不少弯路，第二胎只留下真正用得上的东西。” | Ms Li in Chengdu has two children and put the {name} on the list she gave her best friend: with the first baby she bought too much; with the second she kept only what really gets used.

SUB diapers | 纸尿裤 | Diapers & Pants
shape box
price 69 | 159
weight 900
axes size spec
opt size | NB | NB码 | Newborn | 0.9 | 0.8
opt size | S | S码 | S | 1.0 | 0.9
opt size | M | M码 | M | 1.0 | 1.0
opt size | L | L码 | L | 1.05 | 1.1
opt size | XL | XL码 | XL | 1.1 | 1.2
opt spec | 1B | 单包装 | Single pack | 1.0 | 1.0
opt spec | 2B | 2包装 | 2 packs | 1.85 | 2.0
opt spec | 4B | 4包箱装 | Case of 4 | 3.5 | 4.0
attr age_range | 0-3个月=0-3 months | 3-12个月=3-12 months | 1-3岁=1-3 years
noun 纸尿裤 | Diapers | diaper | 更换时先把后腰贴放在宝宝腰下，再对齐前片贴好腰贴 | Slide the back under baby's waist, bring the front up and fasten the tabs evenly
noun 拉拉裤 | Pull-Up Pants | diaper | 像穿内裤一样拉上，更换时撕开两侧即可 | Pull them on like underwear and tear the sides to take them off
noun 夜用纸尿裤 | Overnight Diapers | diaper | 睡前更换，后腰加高设计，整晚不侧漏 | Change just before bed; the raised back waist keeps the night leak-free
noun 成长裤 | Training Pants | diaper | 适合如厕训练期，宝宝可以学着自己穿脱 | Made for potty training, so toddlers can learn to pull them up themselves
noun 游泳纸尿裤 | Swim Diapers | diaper | 下水前穿上，遇水不膨胀，防止便便外漏 | Put them on before swimming; they do not swell in water and keep accidents contained
feat 轻薄透气 | Airy Thin | breathable | 轻薄透气 | Thin and breathable | 芯体厚度仅2毫米，3D透气孔让小屁屁保持干爽 | has a core only 2 mm thick with 3D air holes that keep little bottoms dry
feat 超强吸收 | Super Absorbent | absorbent | 一片整晚 | All-night absorbency | 采用高分子吸水树脂快速锁水，一片可用10到12小时 | uses fast-locking polymer to absorb for 10 to 12 hours on a single change
feat 丝柔 | Silky Soft | soft | 丝般柔软 | Silky soft | 表层采用丝柔无纺布，触感像婴儿衣物一样柔软 | has a silky non-woven top sheet as soft as baby clothing
feat 有机棉 | Organic Cotton | organic-cotton | 有机棉表层 | Organic cotton layer | 亲肤层采用有机棉，减少红屁屁困扰 | uses an organic cotton top layer to help prevent nappy rash
feat 尿显 | Wetness Indicator | indicator | 尿显提示 | Wetness indicator | 带尿显线，变色提醒及时更换 | carries a colour-changing line that tells you when it is time for a change
feat 弹力腰围 | Stretch Waist | stretch | 360度弹力腰 | 360-degree stretch waist | 采用360度弹力腰围，爬行翻身不漏也不勒 | has a 360-degree stretch waist that neither leaks nor pinches as baby crawls and rolls
feat 金盏花 | Calendula | calendula | 呵护红屁屁 | Rash care | 表层添加金盏花精华，呵护娇嫩小屁屁 | has a calendula-infused top sheet to care for delicate skin
point 通过GB/T 28004标准检测，表层pH值呈弱酸性 | Tested to GB/T 28004, with a mildly acidic top sheet
point 无荧光剂、无香精，新生儿也可使用 | No optical brighteners or fragrance; suitable for newborns
point 独立包装方便外出携带，妈咪包里放几片正合适 | Compact packs slip easily into a changing bag
guide 尺码按体重而不是月龄来选：NB约5公斤以下，S为4至8公斤，M为6至11公斤，L为9至14公斤，XL为12公斤以上。腰腿出现红印或频繁侧漏，说明该升一个码了。 | Choose the size by weight, not age: NB up to about 5 kg, S 4-8 kg, M 6-11 kg, L 9-14 kg and XL 12 kg and up. Red marks on the waist or legs, or frequent side leaks, mean it is time to size up.

SUB feeding | 喂养用品 | Feeding
shape bottle
price 59 | 219
weight 220
axes capacity material
opt capacity | 160ML | 160ml | 160 ml | 0.9 | 0.85
opt capacity | 240ML | 240ml | 240 ml | 1.0 | 1.0
opt capacity | 300ML | 300ml | 300 ml | 1.15 | 1.15
opt material | PPSU | PPSU | PPSU | 1.0 | 1.0
opt material | GLASS | 玻璃 | Glass | 0.85 | 1.6
opt material | SILICONE | 硅胶 | Silicone | 1.1 | 0.9
attr age_range | 0-6个月=0-6 months | 6-18个月=6-18 months | 1-3岁=1-3 years
noun 宽口径奶瓶 | Wide-Neck Bottle | bottle | 冲奶时先加水再加奶粉，摇匀后滴在手腕内侧试温 | Add water before formula, shake well and test a drop on your inner wrist
noun 学饮杯 | Sippy Cup | cup | 6个月后可从学饮杯开始练习自主喝水 | From six months, babies can start practising drinking on their own
noun 吸管杯 | Straw Cup | cup | 吸管可拆下单独清洗，建议每月更换一次吸管 | The straw comes out for cleaning; replace it about once a month
noun 储奶瓶 | Milk Storage Bottle | bottle | 母乳冷藏可存放48小时，冷冻可存放3个月 | Breast milk keeps 48 hours in the fridge or three months in the freezer
noun 辅食碗 | Feeding Bowl | bowl | 底部吸盘可牢牢吸在餐椅上，宝宝推不倒 | The suction base grips the high-chair tray so little hands cannot tip it over
feat 防胀气 | Anti-Colic | anti-colic | 防胀气 | Anti-colic | 底部双排气阀，减少宝宝吞入空气 | has twin base vents that reduce the air babies swallow
feat 仿母乳 | Breast-Like | breast-like | 仿真母乳实感 | Natural latch | 奶嘴宽度和柔软度模拟母乳，减少乳头混淆 | has a teat shaped and softened to feel like the breast, easing the switch between the two
feat 耐高温 | Heat-Safe | heat-safe | 可高温消毒 | Sterilisable | 可耐受180℃高温，支持沸煮和蒸汽消毒 | withstands 180°C for boiling and steam sterilisation
feat 防漏 | Leak-Proof | leak-proof | 倒置不漏 | Leak-proof | 采用一体式密封圈，倒置摇晃也不漏水 | has a one-piece seal that does not leak even upside down
feat 刻度清晰 | Clear-Scale | scale | 精准刻度 | Clear measurements | 瓶身刻度凹刻不褪色，冲奶更准确 | has engraved markings that never fade, for accurate formula mixing
feat 重力球 | Weighted-Straw | weighted-straw | 360度吸水 | Drink from any angle | 内置重力球吸管，宝宝躺着坐着都能喝到 | has a weighted straw so little ones can drink lying down or sitting up
feat 轻量 | Featherlight | light | 宝宝握得住 | Easy to hold | 整体轻量化设计，配双侧手柄，宝宝自己就能握稳 | is lightweight with twin handles so babies can hold it themselves
point 通过食品接触材料安全标准检测，不含双酚A | Tested to food-contact safety standards and free of BPA
point 奶嘴和配件与主流宽口径产品通用 | Teats and parts fit most standard wide-neck products
point 零件少、开口大，手伸进去就能洗干净 | Few parts and a wide opening make it easy to clean by hand
guide 材质决定使用场景：玻璃耐高温易清洗，适合新生儿在家用；PPSU轻且耐摔，适合外出；硅胶手感软，适合抗拒奶瓶的宝宝。奶嘴要按月龄选流速，一般3个月左右升一次档。 | Material decides where it fits: glass handles heat and cleans easily for newborns at home, PPSU is light and drop-proof for outings, and soft silicone helps babies who refuse bottles. Match teat flow to age, usually moving up a level about every three months.

SUB baby-care | 婴童洗护 | Baby Bath & Skincare
shape bottle
price 39 | 129
weight 300
axes capacity
opt capacity | 100ML | 100ml | 100 ml | 0.6 | 0.45
opt capacity | 200ML | 200ml | 200 ml | 1.0 | 1.0
opt capacity | 400ML | 400ml | 400 ml | 1.7 | 1.9
opt capacity | 700ML | 700ml | 700 ml | 2.5 | 3.2
attr age_range | 0-3岁=0-3 years | 3-6岁=3-6 years | 0-12岁=0-12 years
attr skin_type | 干性肌肤=Dry | 敏感肌肤=Sensitive | 所有肤质=All skin types
noun 洗发沐浴露 | 2-in-1 Wash | baby-wash | 取适量在手心揉出泡沫，从头到脚轻柔清洗后冲净 | Lather a little in your palm, wash gently from head to toe and rinse
noun 润肤乳 | Body Lotion | baby-lotion | 洗澡擦干后3分钟内涂抹全身，锁住水分 | Apply all over within three minutes of drying off to lock in moisture
noun 泡泡浴 | Bubble Bath | baby-wash | 在浴盆水中倒入一瓶盖，轻轻搅动即可起泡 | Pour a capful under running water and swish to make bubbles
noun 奶瓶清洗剂 | Bottle & Toy Wash | bottle-wash | 按压一泵配合奶瓶刷清洗，再用流动清水冲净 | Use one pump with a bottle brush, then rinse under running water
noun 儿童洗手液 | Kids' Hand Wash | baby-wash | 按压出泡沫，搓洗双手20秒后冲净 | Pump the foam, rub hands together for 20 seconds and rinse
feat 氨基酸 | Amino Acid | amino-acid | 温和无泪 | Gentle, no tears | 采用氨基酸表活体系，入眼不刺痛 | uses amino-acid surfactants that do not sting the eyes
feat 燕麦 | Oat | oat | 舒缓干痒 | Soothes dry itch | 添加胶态燕麦，舒缓干痒、强韧屏障 | adds colloidal oat to soothe dry, itchy skin and strengthen the barrier
feat 无香精 | Fragrance-Free | fragrance-free | 零添加香精 | No added fragrance | 不添加香精和色素，降低过敏风险 | has no added fragrance or colour to cut the risk of allergies
feat 植物配方 | Plant-Based | plant | 植物来源 | Plant-derived | 95%成分来源于植物，易生物降解 | is 95% plant-derived and readily biodegradable
feat 神经酰胺 | Ceramide | ceramide | 修护屏障 | Barrier care | 添加神经酰胺，为娇嫩肌肤筑起保护屏障 | adds ceramides to protect delicate skin
feat 金盏花 | Calendula | calendula | 呵护红痒 | Calms redness | 含金盏花提取物，呵护口水疹与干红 | contains calendula extract to care for drool rash and dry, red patches
feat 食品级 | Food-Grade | food-grade | 食品级原料 | Food-grade ingredients | 主要表活为食品级原料，残留也安心 | uses food-grade surfactants, so traces left behind are nothing to worry about
point 经儿童皮肤科测试，温和低敏 | Tested by paediatric dermatologists; gentle and low-allergen
point 单手按压泵头，一只手抱娃也能用 | A one-handed pump works while you hold the baby
point 弱酸性配方，贴近宝宝肌肤pH值 | A mildly acidic formula close to baby skin's pH
guide 宝宝洗护越简单越好：看成分表，越短越好，避开香精、酒精和强力皂基。新生儿每周洗澡2至3次即可，洗后3分钟内全身涂润肤乳，锁水效果最好。 | With baby care, simpler is better: look for short ingredient lists without fragrance, alcohol or harsh soap. Newborns only need a bath two or three times a week, and lotion applied within three minutes of drying locks in the most moisture.

SUB baby-clothing | 婴童服饰 | Baby Clothing
shape romper
price 59 | 229
weight 180
axes size color
opt size | 66 | 66cm | 66 cm | 1.0 | 0.8
opt size | 73 | 73cm | 73 cm | 1.0 | 0.9
opt size | 80 | 80cm | 80 cm | 1.0 | 1.0
opt size | 90 | 90cm | 90 cm | 1.1 | 1.1
opt size | 100 | 100cm | 100 cm | 1.1 | 1.2
opt size | 110 | 110cm | 110 cm | 1.2 | 1.3
opt color | CRM | 奶油白 | Cream | 1 | 1
opt color | PNK | 樱花粉 | Blossom Pink | 1 | 1
opt color | BLU | 雾霾蓝 | Haze Blue | 1 | 1
opt color | YEL | 柠檬黄 | Lemon | 1 | 1
opt color | GRN | 牛油果绿 | Avocado | 1 | 1
attr age_range | 0-1岁=0-1 years | 1-3岁=1-3 years | 3-5岁=3-5 years
attr season | 春秋=Spring/Autumn | 夏季=Summer | 冬季=Winter | 四季=All seasons
noun 连体衣 | Romper | romper | 全开襟设计，平躺就能穿脱，适合月龄小的宝宝 | Opens fully down the front, so you can dress a young baby lying down | romper
noun 包屁衣 | Bodysuit | romper | 可单穿也可作打底，不会因为爬行露出肚子 | Wear it alone or as a base layer; it never rides up to expose the tummy | romper
noun 睡袋 | Sleep Sack | sleep-sack | 代替被子使用，宝宝踢不掉，夜里不着凉 | Use it instead of a blanket so babies cannot kick it off and stay warm all night | sleep-sack
noun 家居服套装 | Pyjama Set | pyjamas | 上衣加长裤的分体设计，穿着睡觉和在家玩耍都舒服 | A two-piece top and trousers, comfortable for sleep and play at home | pyjamas
noun 卫衣 | Hoodie | hoodie | 宽松落肩版型，外出时可以叠穿在打底衫外面 | A relaxed drop-shoulder cut that layers over a base top for outings | hoodie
feat 纯棉 | Pure Cotton | cotton | 100%纯棉 | 100% cotton | 采用A类纯棉面料，柔软透气 | is made from Class A pure cotton that is soft and breathable
feat 有机棉 | Organic Cotton | organic-cotton | 有机认证 | Certified organic | 面料为GOTS认证有机棉，种植不使用农药 | uses GOTS-certified organic cotton grown without pesticides
feat 竹纤维 | Bamboo | bamboo | 凉爽吸湿 | Cool and fresh | 竹纤维混纺，凉爽吸湿，适合夏季 | blends in bamboo fibre that feels cool and wicks moisture in summer
feat 无骨缝制 | Flat-Seam | seamless | 无骨缝线 | Flat seams | 采用无骨缝制工艺，缝线不磨宝宝皮肤 | uses flat-lock seams that never rub delicate skin
feat 按扣 | Snap | snap | 换尿布方便 | Easy nappy changes | 裆部按扣设计，换尿布不用整件脱 | has snaps at the crotch for nappy changes without undressing
feat 恒温 | Thermal | thermal | 恒温保暖 | Temperature balance | 采用空气层面料，保暖又不闷汗 | uses an air-layer fabric that keeps warm without trapping sweat
feat 彩棉 | Natural-Colour Cotton | cotton | 天然彩棉 | Naturally coloured cotton | 天然彩色棉无需染色，从源头减少化学残留 | uses naturally coloured cotton that needs no dyeing
point 符合GB 31701 A类婴幼儿标准，甲醛未检出 | Meets GB 31701 Class A for infants, with no detectable formaldehyde
point 商标直接印在衣服上，没有缝标刮脖子 | Printed labels instead of sewn tags, so nothing scratches the neck
point 宽松版型预留成长空间，能多穿一季 | A roomy cut leaves growing room for an extra season
guide 童装尺码以身高为准，例如80码适合身高75至80厘米的宝宝。宝宝长得快，建议在当前身高上加5厘米选购；贴身衣物认准A类标准，颜色浅、图案少的更安心。 | Kids' sizes follow height: size 80 fits children 75 to 80 cm tall. Babies grow fast, so buy about 5 cm above current height. For next-to-skin clothes, look for Class A, and lighter colours with fewer prints are the safer choice.

SUB toys | 玩具早教 | Toys & Learning
shape ball
price 49 | 259
weight 500
axes spec
opt spec | BASIC | 基础款 | Basic set | 0.75 | 0.7
opt spec | STD | 标准款 | Standard set | 1.0 | 1.0
opt spec | DLX | 豪华款 | Deluxe set | 1.5 | 1.6
attr age_range | 0-1岁=0-1 years | 1-3岁=1-3 years | 3-6岁=3-6 years
noun 积木 | Building Blocks | blocks | 从叠高、推倒开始玩，再慢慢尝试搭房子和小桥 | Start with stacking and knocking down, then move on to houses and bridges
noun 布书 | Cloth Book | book | 可以抓、咬、揉，脏了直接手洗晾干 | Made to be grabbed, chewed and scrunched, and hand-washable when grubby
noun 磁力片 | Magnetic Tiles | blocks | 拼出平面图形后，再尝试搭成立体的房子 | Build flat shapes first, then try standing them up into houses
noun 拼图 | Jigsaw Puzzle | puzzle | 从4片拼图开始，逐步增加到12片、24片 | Start with four pieces and work up to twelve and twenty-four
noun 牙胶摇铃 | Teether Rattle | teether | 可冷藏后给出牙期宝宝啃咬，缓解牙龈不适 | Chill it in the fridge to soothe sore gums when teeth are coming through
feat 榉木 | Beech Wood | wood | 天然榉木 | Natural beech | 采用天然榉木打磨，水性漆上色 | is cut from natural beech and finished with water-based paint
feat 食品级硅胶 | Food-Grade Silicone | silicone | 可放心啃咬 | Safe to mouth | 关键部件采用食品级硅胶，宝宝啃咬也放心 | uses food-grade silicone on the parts babies chew
feat 蒙氏 | Montessori | montessori | 蒙氏启蒙 | Montessori learning | 参考蒙氏教具设计，锻炼精细动作与专注力 | follows Montessori principles to build fine motor skills and focus
feat 高对比 | High-Contrast | contrast | 视觉启蒙 | Visual development | 采用高对比度图案，促进婴儿视觉发育 | uses high-contrast patterns to support developing eyesight
feat 双语 | Bilingual | bilingual | 中英双语 | Chinese-English | 配套内容中英双语，边玩边认识新词 | comes with bilingual Chinese-English content so children pick up words as they play
feat 大颗粒 | Big-Piece | big-piece | 防误吞 | Choke-safe size | 部件尺寸大于误吞测试筒，小宝宝也能玩 | has pieces larger than the choke-test cylinder, safe for little ones
feat 收纳盒装 | Boxed | storage | 配收纳盒 | Comes with storage | 附带收纳盒，玩完一起整理，培养收纳习惯 | comes with a storage box to build the habit of tidying up
point 通过GB 6675国家玩具安全标准检测，持3C认证 | Tested to the GB 6675 toy safety standard and CCC-certified
point 边角圆润处理，无毛刺 | Rounded edges with no splinters or burrs
point 附赠玩法手册，提供20余种亲子游戏 | Includes a booklet with more than 20 parent-child games
guide 选玩具先看年龄标识：3岁以下避开小零件，优先大颗粒、可入口的材质，并认准3C标志。与其一次买很多，不如选能多种玩法、陪孩子玩得久的开放式玩具，比如积木和磁力片。 | Check the age label first: under three, avoid small parts, choose large, mouth-safe pieces and look for the CCC mark. Rather than buying lots at once, pick open-ended toys with many ways to play, such as blocks and magnetic tiles.
"""
