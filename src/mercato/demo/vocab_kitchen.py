# ruff: noqa: E501
"""Vocabulary: 家居厨具 / Home & Kitchen (format: see vocab_format)."""

TEXT = """
TOP home-kitchen | 家居厨具 | Home & Kitchen | HOM
series 朴素 | Essentials | 回归日常好用的基本款 | focused on well-made everyday basics
series 匠心 | Artisan | 传承老手艺，融入现代设计 | reviving traditional craft with modern design
series 轻生活 | Light Living | 为小户型和快节奏生活设计 | designed for small homes and busy lives
series 森林 | Forest | 取材自然，质朴温润 | using natural materials with a warm, simple feel
video 工艺揭秘：出厂前的千次测试 | Behind the Process: A Thousand Tests Before Shipping | {name}在量产前完成了上千次使用寿命、冷热冲击和跌落测试，每个批次还要抽样复检材料安全指标。视频带你看看这些“折磨”实验。 | Before mass production the {name} went through thousands of lifetime, thermal-shock and drop tests, and every batch is re-sampled for material safety. The video shows these torture tests.
video 工艺揭秘：老师傅的手艺 | Behind the Process: The Craftsman's Hand | {name}的关键工序仍由有二十年经验的老师傅把关：打磨、检验，以及包装前最后一次用手确认。视频记录了工厂里普通而认真的一天。 | The key steps of the {name} are still overseen by craftsmen with twenty years' experience: finishing, inspection and a final check by hand before packing. The video records an ordinary, careful day at the factory.
case 用户故事：小厨房的大改变 | Customer Story: A Small Kitchen Transformed | 上海的周女士住在40平米的老公房里。换上{name}之后，她说家里“终于清爽了”，周末开始约朋友来家里吃饭。 | Ms Zhou lives in a 40 m² flat in an old Shanghai block. Since switching to the {name}, her home finally feels clear, and she has started inviting friends over for weekend dinners.
case 用户故事：给父母的升级礼物 | Customer Story: An Upgrade for Mum and Dad | 在广州工作的陈先生给老家的父母寄了{name}。视频通话时妈妈说：“比以前那个好用多了，你爸天天夸。” | Mr Chen, who works in Guangzhou, sent the {name} to his parents back home. On a video call his mum said it is far better than the old one, and his dad praises it every day.

SUB cookware | 锅具 | Cookware
shape pot
price 129 | 499
weight 1800
axes capacity material
opt capacity | 1L5 | 1.5L | 1.5 L | 0.75 | 0.7
opt capacity | 2L5 | 2.5L | 2.5 L | 1.0 | 1.0
opt capacity | 3L5 | 3.5L | 3.5 L | 1.25 | 1.3
opt capacity | 5L | 5L | 5 L | 1.55 | 1.65
opt material | SS304 | 304不锈钢 | 304 Stainless Steel | 1.0 | 1.0
opt material | SS316 | 316不锈钢 | 316 Stainless Steel | 1.3 | 1.0
opt material | CI | 铸铁 | Cast Iron | 1.2 | 1.9
opt material | NS | 不粘涂层 | Non-Stick | 0.9 | 0.8
attr hob | 燃气灶=Gas | 电磁炉=Induction | 全灶通用=All hobs
noun 汤锅 | Stockpot | pot | 煲汤时先大火煮沸，再转小火慢炖，锅盖留一条缝防溢 | Bring soups to the boil on high heat, then simmer low with the lid slightly ajar
noun 奶锅 | Milk Pan | pot | 热牛奶、煮面、做辅食都很方便，单人份刚刚好 | Handy for warming milk, cooking noodles or baby food, just right for one
noun 炖锅 | Casserole | pot | 炖肉时小火慢煮一到两小时，肉质软烂入味 | Braise meat on low heat for one to two hours until tender and full of flavour
noun 蒸锅 | Steamer Pot | pot | 水开后放入蒸屉，蒸鱼8分钟、蒸包子15分钟 | Add the steamer tray once the water boils: eight minutes for fish, fifteen for buns
noun 深煎锅 | Sauté Pan | pan | 先预热再放油，煎、炒、焖一口锅就能完成 | Preheat before adding oil; it handles frying, stir-frying and braising in one pan
feat 复底 | Tri-Ply | tri-ply | 三层复底 | Tri-ply base | 采用三层复合锅底，受热均匀不易糊锅 | has a tri-ply base that heats evenly and resists scorching
feat 全平底 | Induction-Ready | induction | 全灶通用 | Works on every hob | 全平底设计，明火、电磁炉、电陶炉都能用 | has a flat base that works on gas, induction and ceramic hobs
feat 微压 | Low-Pressure | low-pressure | 微压锁鲜 | Gentle pressure cooking | 密封锅盖形成微压，炖肉更快更软烂 | has a sealing lid that builds gentle pressure for faster, more tender stews
feat 轻量 | Lightweight | light | 单手可提 | Easy to lift | 比同尺寸传统锅轻约30%，单手就能端起 | is about 30% lighter than a traditional pot of the same size, easy to lift one-handed
feat 可视 | Glass-Lid | glass-lid | 可视锅盖 | See-through lid | 配钢化玻璃锅盖，烹饪状态一目了然 | comes with a tempered glass lid so you can watch it cook
feat 防烫 | Cool-Touch | cool-touch | 手柄防烫 | Cool-touch handles | 手柄采用隔热设计，烹饪时不烫手 | has insulated handles that stay cool while you cook
feat 蜂窝纹 | Honeycomb | honeycomb | 蜂窝少油 | Honeycomb surface | 内壁激光蜂窝纹理，少油也不易粘 | has a laser-etched honeycomb interior that resists sticking with little oil
point 锅身铆钉少、内壁光滑，清洗方便 | Few rivets and a smooth interior make cleaning easy
point 锅盖带出气孔，煮汤不易溢锅 | A vented lid helps stop soups boiling over
point 附送硅胶隔热垫和使用保养手册 | Comes with a silicone trivet and a care booklet
guide 材质是第一选择：304不锈钢耐用百搭，316更耐腐蚀适合煲汤；铸铁保温好适合炖煮，需要养锅；不粘涂层最省心，但要避免空烧和铁铲。2至3口之家，2.5L的锅最常用。 | Material comes first. 304 stainless is durable and versatile, 316 resists corrosion for long soups, cast iron holds heat for braising but needs seasoning, and non-stick is easiest but hates dry heating and metal spatulas. For two or three people, 2.5 L is the size you will use most.

SUB drinkware | 杯壶 | Cups & Bottles
shape cup
price 59 | 219
weight 320
axes capacity color
opt capacity | 350ML | 350ml | 350 ml | 0.85 | 0.85
opt capacity | 500ML | 500ml | 500 ml | 1.0 | 1.0
opt capacity | 750ML | 750ml | 750 ml | 1.3 | 1.3
opt capacity | 1000ML | 1000ml | 1000 ml | 1.55 | 1.6
opt color | WHT | 云朵白 | Cloud White | 1 | 1
opt color | BLK | 曜石黑 | Obsidian Black | 1 | 1
opt color | GRN | 松石绿 | Turquoise | 1 | 1
opt color | PNK | 蜜桃粉 | Peach | 1 | 1
opt color | BLU | 远山蓝 | Mountain Blue | 1 | 1
attr scene | 办公=Office | 通勤=Commute | 户外=Outdoors | 居家=Home
noun 保温杯 | Insulated Bottle | thermos | 倒入开水前先用少量热水预热，保温效果更好 | Pre-warm it with a splash of hot water before filling for better insulation
noun 咖啡随行杯 | Travel Mug | thermos | 杯盖可单手开合，开车通勤时也能安全饮用 | The lid opens with one hand, safe to sip on the commute
noun 吸管杯 | Straw Tumbler | tumbler | 吸管和硅胶圈可拆下，每周浸泡清洗一次 | The straw and seals come apart; soak them once a week
noun 焖烧杯 | Food Jar | thermos | 早上放入燕麦和开水，中午就是一碗热粥 | Add oats and boiling water in the morning for hot porridge by lunchtime
noun 运动水壶 | Sports Bottle | sports-bottle | 大口径设计，可以直接放入冰块 | A wide mouth takes ice cubes straight in
feat 316不锈钢 | 316 Stainless | stainless-316 | 316内胆 | 316 steel liner | 内胆采用316不锈钢，耐酸耐腐蚀，可装果汁和茶 | has a 316 stainless liner that resists acid, so juice and tea are fine
feat 长效保温 | 12-Hour | insulated | 12小时保温 | Hot for 12 hours | 真空双层结构，热饮12小时后仍在60℃以上 | uses double-wall vacuum insulation to keep drinks above 60°C for 12 hours
feat 陶瓷内胆 | Ceramic-Lined | ceramic-lined | 不串味 | No taste transfer | 内壁喷涂陶瓷涂层，咖啡和茶不串味 | has a ceramic-coated interior so coffee and tea never taste of metal
feat 一键开盖 | One-Touch | one-touch | 单手开盖 | One-handed opening | 按键弹盖设计，通勤路上单手就能喝 | has a push-button lid you can open with one hand on the go
feat 轻量 | Featherweight | light | 超轻便携 | Ultralight | 杯身减薄工艺，比常规款轻约25% | uses thin-wall steel to weigh about 25% less than standard bottles
feat 防漏 | Leak-Proof | leak-proof | 密封防漏 | Leak-proof | 硅胶双重密封，放进包里倒置也不漏 | has a double silicone seal so it never leaks upside down in a bag
feat 温显 | Smart-Lid | smart-lid | 触屏显温 | Temperature display | 杯盖轻触即显示水温，避免烫口 | shows the drink temperature with a tap on the lid, so you never scald your mouth
point 杯盖零件可拆洗，没有藏污死角 | Lid parts come apart for cleaning, leaving nowhere for grime to hide
point 磨砂喷涂杯身，防滑不留指纹 | A matte coated body resists slips and fingerprints
point 附赠一个替换密封圈 | Comes with a spare seal
guide 先确认用途：办公室选350至500ml带茶隔的，通勤选一键开盖防漏款，户外选750ml以上。装果汁和茶饮优先316内胆或陶瓷涂层；新杯子第一次使用前，用温水加小苏打浸泡清洗。 | Decide on use first: 350-500 ml with a tea strainer for the office, one-touch and leak-proof for commuting, 750 ml plus for outdoors. For juice and tea choose a 316 or ceramic-lined bottle, and soak a new bottle in warm water with baking soda before first use.

SUB coffee-tea | 咖啡茶具 | Coffee & Tea Ware
shape cup
price 69 | 359
weight 450
axes capacity material
opt capacity | 300ML | 300ml | 300 ml | 0.85 | 0.8
opt capacity | 500ML | 500ml | 500 ml | 1.0 | 1.0
opt capacity | 800ML | 800ml | 800 ml | 1.3 | 1.35
opt material | GLASS | 高硼硅玻璃 | Borosilicate Glass | 1.0 | 1.0
opt material | CERAMIC | 陶瓷 | Ceramic | 1.15 | 1.3
opt material | SS304 | 304不锈钢 | 304 Stainless Steel | 1.25 | 0.9
attr scene | 办公=Office | 居家=Home | 露营=Camping
noun 手冲壶 | Pour-Over Kettle | brewer | 水温控制在90至93℃，以画圈的方式由内向外缓慢注水 | Keep the water at 90-93°C and pour slowly in circles from the centre outwards
noun 法压壶 | French Press | brewer | 粗研磨咖啡粉加热水浸泡4分钟，再缓慢压下滤网 | Steep coarse grounds in hot water for four minutes, then press the plunger down slowly
noun 滤杯分享壶套装 | Dripper & Server Set | brewer | 滤杯直接架在分享壶上冲煮，一次可做两到三杯 | Brew straight through the dripper into the server, two or three cups at a time
noun 冷萃壶 | Cold Brew Jar | brewer | 咖啡粉与冷水按1比10浸泡，冷藏12小时后饮用 | Steep grounds in cold water at 1:10 and refrigerate for 12 hours
noun 泡茶壶 | Teapot | teapot | 先温壶再投茶，绿茶水温80℃，红茶和乌龙可用沸水 | Warm the pot first; use 80°C water for green tea and boiling water for black or oolong
feat 耐热 | Heat-Resistant | heat-resistant | 耐热防爆 | Heat-resistant | 可承受120℃温差，冷热交替不易爆裂 | tolerates 120°C temperature swings without cracking
feat 刻度 | Measured | scale | 内置刻度 | Built-in markings | 壶身标注刻度，冲煮比例一看便知 | carries volume markings so brew ratios are easy to read
feat 双层滤网 | Fine-Mesh | filter | 细腻滤网 | Fine mesh filter | 配不锈钢双层滤网，萃取干净少残渣 | comes with a double stainless mesh for a clean cup with little sediment
feat 日式 | Japanese-Style | japanese | 日式简约 | Japanese minimal | 借鉴日式器物美学，线条简洁克制 | borrows from Japanese craft aesthetics with clean, restrained lines
feat 胡桃木柄 | Walnut-Handle | walnut | 胡桃木手柄 | Walnut handle | 配黑胡桃木手柄，隔热且手感温润 | has a black walnut handle that stays cool and feels warm in the hand
feat 断水 | Drip-Free | drip-free | 出水不挂壁 | Drip-free spout | 壶嘴经过断水设计，倒完不滴漏 | has a spout designed to cut off cleanly with no drips
feat 便携 | Travel | portable | 轻巧便携 | Travel-friendly | 体积小巧，配收纳袋，出差露营也能冲一杯 | packs small with a pouch for brewing on trips and camping
point 可拆分清洗，玻璃部件可进洗碗机 | Comes apart for cleaning; glass parts are dishwasher-safe
point 附赠入门冲煮参数卡 | Includes a starter card of brewing ratios
point 每件出厂前都做过注水检漏 | Every piece is water-tested for leaks before it leaves the factory
guide 入门手冲建议先配齐手冲壶、滤杯和电子秤，粉水比从1比15开始调整；想省事可以选法压壶或冷萃壶。高硼硅玻璃透明好清洗，陶瓷保温好，不锈钢最耐摔。 | For pour-over, start with a kettle, a dripper and a scale, and begin at a 1:15 coffee-to-water ratio. For less fuss, try a French press or cold brew jar. Borosilicate glass is clear and easy to clean, ceramic holds heat, and stainless steel survives drops.

SUB storage | 收纳整理 | Storage & Organisation
shape box
price 29 | 149
weight 600
axes spec color
opt spec | 1PC | 单个装 | Single | 1.0 | 1.0
opt spec | 2PC | 两个装 | Set of 2 | 1.85 | 2.0
opt spec | 4PC | 四个装 | Set of 4 | 3.4 | 4.0
opt color | WHT | 奶白 | Milk White | 1 | 1
opt color | GRY | 浅灰 | Light Grey | 1 | 1
opt color | KHK | 卡其 | Khaki | 1 | 1
opt color | CLR | 透明 | Clear | 1 | 1
attr scene | 厨房=Kitchen | 衣柜=Wardrobe | 书桌=Desk | 浴室=Bathroom
noun 收纳箱 | Storage Box | box | 换季衣物和杂物分类装好，贴上标签再叠放 | Sort seasonal clothes and odds and ends, label each box and stack them
noun 密封罐 | Canister | canister | 用来装米面、咖啡豆和茶叶，开封后的食材也能保持干燥 | Keeps rice, flour, coffee beans and tea dry once the bag is open
noun 抽屉分隔盒 | Drawer Organiser | organiser | 根据抽屉尺寸自由组合，餐具、文具各归其位 | Mix and match to fit your drawer so cutlery and stationery each have a place
noun 衣物收纳袋 | Clothes Storage Bag | bag | 被子和厚衣物装入后压平，能节省一半空间 | Pack duvets and bulky clothes flat to save about half the space
noun 桌面收纳架 | Desk Organiser | organiser | 放在书桌或梳妆台上，常用小物伸手就能拿到 | Sits on a desk or dressing table so everyday bits are within reach
feat 可叠加 | Stackable | stackable | 叠放省空间 | Stacks to save space | 盖子带卡槽，可以稳稳叠放三层 | has a grooved lid so three can be stacked securely
feat 食品级PP | Food-Grade PP | food-grade | 食品级材质 | Food-grade | 采用食品级PP材质，无异味 | is made from odourless food-grade PP
feat 密封 | Airtight | airtight | 密封防潮 | Airtight | 硅胶圈密封，防潮防虫 | seals with a silicone ring to keep out damp and pests
feat 可折叠 | Foldable | foldable | 不用可折叠 | Folds flat | 不用时可以折叠收起，厚度仅3厘米 | folds down to 3 cm when not in use
feat 透明可视 | See-Through | clear | 一眼找到 | See what's inside | 透明设计，里面装了什么一目了然 | has a clear body so you can see what is inside at a glance | color=CLR
feat 带轮 | Wheeled | wheeled | 带万向轮 | Rolls easily | 底部带静音万向轮，放在床底也方便拉取 | rolls on quiet swivel wheels, easy to pull out from under the bed
feat 竹木 | Bamboo | bamboo | 天然竹材 | Natural bamboo | 采用碳化处理的天然楠竹，防潮防霉 | uses carbonised moso bamboo that resists damp and mould
point 附赠分类标签贴纸，整理一步到位 | Includes labels so everything is sorted in one go
point 边角圆润，不刮手也不勾衣物 | Rounded corners never snag hands or clothes
point 用湿布直接擦拭即可清洁 | Wipes clean with a damp cloth
guide 收纳之前先测量：量好柜子和抽屉的内径再买，留出1厘米余量。同一区域尽量用同一系列，视觉更整齐；常用物品放在伸手可及的高度，换季物品放进带轮或可叠加的大箱。 | Measure before you buy: check the inside of cupboards and drawers and allow 1 cm of clearance. Stick to one series per area for a tidier look, keep everyday items within easy reach, and put seasonal things in wheeled or stackable boxes.

SUB bedding | 床品家纺 | Bedding
shape fold
price 199 | 799
weight 1500
axes size color
opt size | 1M2 | 1.2米床 | 1.2 m bed | 0.8 | 0.8
opt size | 1M5 | 1.5米床 | 1.5 m bed | 1.0 | 1.0
opt size | 1M8 | 1.8米床 | 1.8 m bed | 1.2 | 1.2
opt size | 2M0 | 2.0米床 | 2.0 m bed | 1.35 | 1.35
opt color | WHT | 象牙白 | Ivory | 1 | 1
opt color | GRY | 燕麦灰 | Oat Grey | 1 | 1
opt color | BLU | 雾蓝 | Mist Blue | 1 | 1
opt color | GRN | 鼠尾草绿 | Sage | 1 | 1
opt color | PNK | 藕粉 | Lotus Pink | 1 | 1
attr season | 春秋=Spring/Autumn | 夏季=Summer | 冬季=Winter | 四季=All seasons
noun 四件套 | Bedding Set | bedding-set | 含被套、床单和两只枕套，换洗时整套替换 | Includes a duvet cover, sheet and two pillowcases to change as a set
noun 床笠 | Fitted Sheet | sheet | 四周松紧带包住床垫，翻身时床单不跑位 | Elastic all round hugs the mattress so the sheet stays put when you turn over
noun 夏凉被 | Summer Quilt | quilt | 空调房里盖刚刚好，可整床放入洗衣机清洗 | Just right under air conditioning and machine-washable whole
noun 被套 | Duvet Cover | bedding-set | 装被芯时先把被套翻面，抓住两角一抖就能铺平 | Turn the cover inside out, grab the corners with the duvet and shake it flat
noun 床盖 | Bedspread | quilt | 白天铺在床上防尘，也能当作沙发盖毯 | Keeps the bed dust-free by day and doubles as a sofa throw
feat 长绒棉 | Long-Staple Cotton | long-staple-cotton | 新疆长绒棉 | Xinjiang long-staple | 选用新疆长绒棉，纤维长、毛羽少，越洗越软 | uses Xinjiang long-staple cotton whose long fibres get softer with every wash
feat 60支贡缎 | 60s Sateen | long-staple-cotton | 60支贡缎 | 60s sateen | 采用60支贡缎织法，光泽柔和，手感顺滑 | is woven as 60s sateen with a soft sheen and a smooth hand
feat 天丝 | Tencel | tencel | 凉滑亲肤 | Cool and silky | 采用天丝莱赛尔纤维，凉滑吸湿 | uses Tencel lyocell fibre that feels cool and wicks moisture
feat 水洗棉 | Washed Cotton | cotton | 自然褶皱 | Relaxed texture | 经过水洗工艺，自然褶皱、不起球 | is pre-washed for a relaxed, crinkled texture that does not pill
feat 亚麻 | Linen | linen | 透气干爽 | Breathable linen | 采用法国亚麻，透气吸湿，夏天不闷 | uses French linen that breathes and stays dry in summer
feat 磨毛 | Brushed | brushed | 温暖绒感 | Warm brushed finish | 表面磨毛处理，冬天上床不冰 | is brushed for a warm, velvety feel on cold nights
feat 活性印染 | Reactive-Dyed | cotton | 不易褪色 | Fade-resistant | 采用活性印染，色牢度4级以上不易褪色 | is reactive-dyed to colourfastness grade 4 or above, so it will not fade
point 通过OEKO-TEX Standard 100认证 | Certified to OEKO-TEX Standard 100
point 隐形拉链加四角系带，被芯不跑位 | A hidden zip and corner ties keep the duvet in place
point A类标准，可直接接触婴幼儿皮肤 | Class A, safe for direct contact with babies' skin
guide 床品按床的尺寸选：1.5米床配200×230厘米被套，1.8米床配220×240厘米。面料看季节：春秋选长绒棉和贡缎，夏天选天丝或亚麻，冬天选磨毛。新床品先洗一次再用，能去掉浮色和浆料。 | Match bedding to your bed: a 1.5 m bed takes a 200×230 cm duvet cover, a 1.8 m bed 220×240 cm. Choose fabric by season: long-staple cotton or sateen for spring and autumn, Tencel or linen for summer, brushed cotton for winter. Wash new bedding once before use to remove loose dye and sizing.
"""
