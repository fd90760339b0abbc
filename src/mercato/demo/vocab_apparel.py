# ruff: noqa: E501
"""Vocabulary: 服饰鞋包 / Apparel & Bags (format: see vocab_format)."""

TEXT = """
TOP apparel-bags | 服饰鞋包 | Apparel & Bags | APP
series 城市通勤 | City Commute | 干净利落，适合通勤与日常 | clean-cut for commuting and daily wear
series 慢生活 | Slow Living | 宽松舒适，取材天然 | relaxed and comfortable in natural materials
series 都市户外 | Urban Trail | 把户外功能带进城市 | bringing outdoor function into the city
series 经典 | Classic | 经得起时间考验的基本款 | timeless basics built to last
video 工艺揭秘：28道工序 | Behind the Process: 28 Steps | {name}从验料、预缩、裁剪到缝制共经过28道工序，每件成品都要经过尺寸复核和水洗测试。视频带你走进浙江的合作工厂。 | The {name} goes through 28 steps from material inspection, pre-shrinking and cutting to sewing, and every finished piece is re-measured and wash-tested. The video visits our partner factory in Zhejiang.
video 工艺揭秘：寻找好材料 | Behind the Process: In Search of Good Materials | 为了做好{name}，我们的面料团队走访了内蒙古牧场、新疆棉田和温州的皮料厂，挑选品质达标的原料。视频记录了从原料到成品的旅程。 | To make the {name}, our materials team visited pastures in Inner Mongolia, cotton fields in Xinjiang and tanneries near Wenzhou to choose the right raw materials. The video follows the journey from fibre and hide to finished piece.
case 用户故事：一衣多穿的出差衣橱 | Customer Story: A Mix-and-Match Travel Wardrobe | 做外贸的刘女士每月出差两次，行李箱里总有{name}：“白天见客户，晚上吃饭，换个配饰就够了。” | Ms Liu works in foreign trade and travels twice a month, and the {name} is always in her suitcase: client meetings by day, dinners by night, and she only swaps the accessories.
case 用户故事：终于找到合适的那一件 | Customer Story: Finally, the Right Fit | 身高186厘米的郑先生一直很难买到合适的衣物。他参考尺码表选了{name}：“尺寸刚刚好，已经回购了两个颜色。” | At 186 cm, Mr Zheng has always struggled to find things that fit. He used the size chart to choose the {name}: it was just right, and he has since bought two more colours.

SUB knitwear | 针织毛衫 | Knitwear
shape sweater
price 199 | 799
weight 350
axes size color
opt size | S | S | S | 1 | 0.9
opt size | M | M | M | 1 | 1
opt size | L | L | L | 1 | 1.08
opt size | XL | XL | XL | 1 | 1.15
opt size | XXL | XXL | XXL | 1.05 | 1.22
opt color | OAT | 燕麦色 | Oatmeal | 1 | 1
opt color | CAM | 驼色 | Camel | 1 | 1
opt color | NVY | 藏青 | Navy | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | RED | 酒红 | Burgundy | 1 | 1
opt color | GRY | 麻灰 | Heather Grey | 1 | 1
attr season | 春秋=Spring/Autumn | 冬季=Winter | 秋冬=Autumn/Winter
attr fit | 修身=Slim | 常规=Regular | 宽松=Relaxed
noun 圆领毛衣 | Crew-Neck Sweater | sweater | 单穿或内搭衬衫都合适，下装配牛仔裤或西裤 | Wear it alone or over a shirt, with jeans or tailored trousers | sweater
noun 高领毛衣 | Turtleneck | sweater | 冬天打底的首选，外面套大衣或西装都好看 | The ideal winter base layer under a coat or blazer | turtleneck
noun 开衫 | Cardigan | cardigan | 办公室空调房里随手披上，温度刚刚好 | Throw it on in an air-conditioned office for just the right warmth | cardigan
noun 针织背心 | Knit Vest | vest | 叠穿在衬衫外面，增加层次又不显臃肿 | Layer it over a shirt for depth without bulk | knit-vest
noun 半高领毛衣 | Mock-Neck Sweater | sweater | 领口不贴脖子，怕扎的人也能放心穿 | The neckline sits away from the throat, comfortable even if high collars bother you | turtleneck
feat 美利奴羊毛 | Merino Wool | wool | 100%美利奴 | 100% merino | 采用澳洲美利奴羊毛，细腻柔软不扎身 | is knitted from Australian merino wool that is fine, soft and never itchy
feat 羊绒 | Cashmere | cashmere | 100%山羊绒 | 100% cashmere | 选用内蒙古阿拉善白山羊绒，轻薄而保暖 | uses white cashmere from Alxa in Inner Mongolia, light yet warm
feat 羊毛混纺 | Wool-Blend | wool | 羊毛混纺 | Wool blend | 羊毛与锦纶混纺，保暖且更耐穿 | blends wool with nylon for warmth and better durability
feat 可机洗羊毛 | Machine-Washable Wool | wool | 可机洗 | Machine washable | 采用防缩处理的羊毛，可以放心机洗 | uses shrink-resistant wool that can go in the washing machine
feat 全成型 | Whole-Garment | seamless-knit | 一体织 | Whole-garment knit | 采用全成型一体织工艺，没有缝线更服帖 | is knitted in one piece on whole-garment machines, with no seams to rub
feat 牦牛绒 | Yak-Wool | yak | 牦牛绒 | Yak down | 含牦牛绒，保暖性比普通羊毛更高 | contains yak down that is warmer than ordinary wool
feat 棉麻 | Cotton-Linen | linen | 春秋薄款 | Light for spring | 棉麻混纺的薄款针织，春秋单穿正合适 | is a light cotton-linen knit, ideal on its own in spring and autumn
point 领口和袖口采用罗纹收口，穿久不变形 | Ribbed collar and cuffs hold their shape wear after wear
point 纱线经过抗起球处理，达到3.5级以上 | Yarn is treated against pilling to grade 3.5 or better
point 提供平铺尺寸表，支持7天无理由退换 | Flat-lay measurements provided, with 7-day no-questions returns
guide 毛衫选购看成分和纱支：羊绒含量越高越柔软保暖，纱支越高越细腻。怕扎的人选美利奴或羊绒，懒得手洗就选可机洗款。尺码参照平铺胸围，贴身穿选常规码，外搭选大一码。 | For knitwear, check fibre content and yarn count: more cashmere means softer and warmer, a higher count means finer. If wool itches, choose merino or cashmere; if you hate hand-washing, pick machine-washable. Size by the flat chest measurement: your usual size to layer underneath, one up to wear on top.

SUB shirts-tees | 衬衫T恤 | Shirts & Tees
shape tee
price 79 | 299
weight 220
axes size color
opt size | S | S | S | 1 | 0.9
opt size | M | M | M | 1 | 1
opt size | L | L | L | 1 | 1.08
opt size | XL | XL | XL | 1 | 1.15
opt size | XXL | XXL | XXL | 1.05 | 1.22
opt color | WHT | 白色 | White | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | BLU | 浅蓝 | Light Blue | 1 | 1
opt color | KHK | 卡其 | Khaki | 1 | 1
opt color | OLV | 橄榄绿 | Olive | 1 | 1
opt color | PNK | 烟粉 | Dusty Pink | 1 | 1
attr season | 春秋=Spring/Autumn | 夏季=Summer | 四季=All seasons
attr fit | 修身=Slim | 常规=Regular | 宽松=Relaxed
noun 短袖T恤 | T-Shirt | tee | 单穿清爽，也能作为衬衫和外套的内搭 | Crisp on its own and a good base under shirts and jackets | tee
noun 长袖T恤 | Long-Sleeve Tee | tee | 春秋单穿，冬天可以作为毛衣里面的打底 | Wear it alone in spring and autumn or under a sweater in winter | longsleeve
noun 衬衫 | Shirt | shirt | 正装可以塞进西裤，休闲时敞开当外套穿 | Tuck it into trousers for work, or wear it open as a light jacket | shirt
noun Polo衫 | Polo Shirt | polo | 有领设计，比T恤正式，比衬衫轻松 | The collar makes it smarter than a tee and easier than a shirt | polo
noun 卫衣 | Sweatshirt | sweatshirt | 宽松落肩版型，搭配运动裤或牛仔裤都合适 | A relaxed drop-shoulder fit that works with joggers or jeans | sweatshirt
feat 长绒棉 | Long-Staple Cotton | long-staple-cotton | 新疆长绒棉 | Xinjiang long-staple | 采用新疆长绒棉，顺滑亲肤，越洗越软 | is made from Xinjiang long-staple cotton that is smooth and softens with every wash
feat 重磅 | Heavyweight | cotton | 重磅不透 | Heavyweight | 采用260克重磅纯棉，挺括不透 | uses 260 gsm heavyweight cotton that holds its shape and is never see-through
feat 亚麻 | Linen | linen | 透气清凉 | Breathable linen | 亚麻面料透气吸湿，夏天穿不闷热 | uses breathable linen that keeps you cool in summer
feat 免烫 | Non-Iron | non-iron | 免烫易打理 | Non-iron | 经过免烫处理，洗后晾干就能穿 | is treated to be non-iron: wash, hang and wear
feat 凉感 | Cooling | cooling | 接触凉感 | Cool touch | 采用凉感纤维，接触时体感降温约2℃ | uses cooling fibre that feels about 2°C cooler on contact
feat 有机棉 | Organic Cotton | organic-cotton | 有机棉 | Organic cotton | 采用有机棉，从种植到成衣更环保 | uses organic cotton for a lower-impact path from field to garment
feat 丝光棉 | Mercerised Cotton | cotton | 丝光柔亮 | Silky sheen | 经过双丝光处理，光泽柔和、不易起皱 | is double-mercerised for a soft sheen and fewer wrinkles
point 领口加固包边，多次洗涤也不松垮 | Reinforced neckline tape prevents stretching after many washes
point 面料经过预缩处理，缩水率控制在3%以内 | Pre-shrunk fabric keeps shrinkage under 3%
point 提供详细尺码表和模特身材参考 | Detailed size chart with model measurements
guide 夏季T恤看克重，180克以下轻薄透气，220克以上挺括不透。衬衫关注面料：长绒棉舒适，亚麻透气，免烫最省心。版型方面，肩宽合适最重要，衣长以盖住腰带为宜。 | For summer tees, check fabric weight: under 180 gsm is light and airy, over 220 gsm holds its shape and is never see-through. For shirts, long-staple cotton is comfortable, linen breathes, and non-iron saves effort. Get the shoulders right first; the hem should cover your belt.

SUB outerwear | 羽绒外套 | Down & Padded Jackets
shape puffer
price 399 | 1299
weight 900
axes size color
opt size | S | S | S | 1 | 0.9
opt size | M | M | M | 1 | 1
opt size | L | L | L | 1 | 1.08
opt size | XL | XL | XL | 1.03 | 1.15
opt size | XXL | XXL | XXL | 1.06 | 1.22
opt color | BLK | 黑色 | Black | 1 | 1
opt color | NVY | 藏青 | Navy | 1 | 1
opt color | KHK | 卡其 | Khaki | 1 | 1
opt color | GRN | 军绿 | Army Green | 1 | 1
opt color | BEI | 米白 | Off-White | 1 | 1
attr season | 冬季=Winter | 秋冬=Autumn/Winter
attr fit | 修身=Slim | 常规=Regular | 宽松=Relaxed
noun 羽绒服 | Down Jacket | down-jacket | 出门前轻拍几下让羽绒恢复蓬松，保暖效果更好 | Pat it a few times before heading out so the down lofts up and warms better | puffer
noun 羽绒马甲 | Down Vest | down-jacket | 秋天单穿外搭，冬天可以叠穿在大衣里面 | Wear it on top in autumn or layer it under a coat in winter | puffer-vest
noun 长款羽绒服 | Long Down Coat | down-jacket | 长度过膝，北方大风天也能护住腿部 | Below-the-knee length keeps your legs warm on windy northern days | puffer-long
noun 连帽羽绒服 | Hooded Down Jacket | down-jacket | 帽檐可调节松紧，下雪天不用再打伞 | An adjustable hood means no umbrella on snowy days | puffer-hood
noun 短款羽绒服 | Cropped Down Jacket | down-jacket | 短款显腿长，搭配高腰裤或半裙都好看 | The cropped length lengthens the legs, great with high-waisted trousers or skirts | puffer
feat 白鹅绒 | Goose-Down | down | 90%白鹅绒 | 90% goose down | 填充90%白鹅绒，蓬松度达到700+ | is filled with 90% white goose down at 700+ fill power
feat 白鸭绒 | Duck-Down | down | 90%白鸭绒 | 90% duck down | 填充90%白鸭绒，轻暖且性价比高 | is filled with 90% white duck down for light warmth at a fair price
feat 防泼水 | Water-Repellent | water-repellent | 防泼水 | Water-repellent | 面料经过无氟防泼水处理，不怕小雨小雪 | has a PFC-free water-repellent finish that shrugs off light rain and snow
feat 三防 | Tri-Shield | water-repellent | 防风防泼防钻绒 | Wind, water and down-proof | 高密面料兼顾防风、防泼水和防钻绒 | uses a high-density shell that blocks wind, sheds water and keeps the down in
feat 轻量 | Featherlight | light | 轻至300克 | From 300 g | 整件最轻仅300克，可以收进随附的小袋 | weighs from just 300 g and packs into its own pouch
feat 石墨烯 | Graphene | graphene | 石墨烯内里 | Graphene lining | 内里加入石墨烯纤维，蓄热更持久 | has a graphene-infused lining that holds heat longer
feat 可拆卸帽 | Detachable-Hood | hood | 一衣两穿 | Two looks in one | 帽子可以拆卸，一件两种穿法 | has a detachable hood for two looks in one
point 每件附带含绒量和充绒量标签，明明白白 | Each piece is labelled with down content and fill weight
point 双向拉链，坐下和骑车更自在 | A two-way zip makes sitting and cycling easier
point 可用羽绒专用模式机洗，附洗护说明 | Machine washable on a down cycle; care instructions included
guide 羽绒服看三个数：含绒量（90%以上为佳）、蓬松度（600以上算好，700以上为高端）和充绒量（决定保暖程度，北方冬季建议150克以上）。南方湿冷地区可以优先考虑防泼水面料。 | For down, look at three numbers: down content (90% or more is good), fill power (600+ is good, 700+ premium) and fill weight, which decides warmth; for northern winters aim for 150 g or more. In damp southern winters, favour a water-repellent shell.

SUB shoes | 鞋靴 | Shoes & Boots
shape shoe
price 199 | 699
weight 800
axes size color
opt size | 36 | 36码 | EU 36 | 1 | 0.88
opt size | 37 | 37码 | EU 37 | 1 | 0.91
opt size | 38 | 38码 | EU 38 | 1 | 0.94
opt size | 39 | 39码 | EU 39 | 1 | 0.97
opt size | 40 | 40码 | EU 40 | 1 | 1.0
opt size | 41 | 41码 | EU 41 | 1 | 1.03
opt size | 42 | 42码 | EU 42 | 1 | 1.06
opt size | 43 | 43码 | EU 43 | 1 | 1.09
opt size | 44 | 44码 | EU 44 | 1 | 1.12
opt color | BLK | 黑色 | Black | 1 | 1
opt color | WHT | 白色 | White | 1 | 1
opt color | BRN | 棕色 | Brown | 1 | 1
opt color | GRY | 灰色 | Grey | 1 | 1
opt color | BEI | 米色 | Beige | 1 | 1
attr season | 四季=All seasons | 春秋=Spring/Autumn | 冬季=Winter
noun 休闲板鞋 | Court Sneakers | sneakers | 搭配牛仔裤、休闲裤甚至半裙都很合适 | Pairs with jeans, chinos and even skirts
noun 乐福鞋 | Loafers | loafers | 一脚蹬穿脱方便，通勤和休闲场合都适用 | Slips on and off easily, right for the office and the weekend
noun 切尔西靴 | Chelsea Boots | boots | 两侧弹力带设计，不用系鞋带就能轻松穿上 | Elastic side panels mean no laces to tie | boot
noun 德比鞋 | Derby Shoes | derby | 开放式鞋耳更适合脚背较高的人，西装和休闲装都能搭 | Open lacing suits higher insteps and works with suits and casual wear alike
noun 一脚蹬 | Slip-Ons | slip-ons | 出门倒垃圾、短途散步，随手一穿就走 | Perfect for quick errands and short walks: step in and go
feat 头层牛皮 | Full-Grain Leather | leather | 头层牛皮 | Full-grain leather | 鞋面采用头层牛皮，越穿越服帖 | has a full-grain leather upper that moulds to your foot over time
feat 软底 | Cushioned | cushioned | 软弹鞋底 | Soft cushioning | 采用EVA与橡胶复合大底，久站不累 | has an EVA and rubber sole that keeps you comfortable on your feet all day
feat 防滑 | Non-Slip | non-slip | 防滑耐磨 | Non-slip | 橡胶大底纹路经过防滑测试，雨天也走得稳 | has a rubber outsole tested for grip, steady even in the rain
feat 羊皮内里 | Sheepskin-Lined | sheepskin | 羊皮内里 | Sheepskin lining | 内里采用羊皮，透气吸汗不闷脚 | is lined with sheepskin that breathes and wicks sweat
feat 轻量 | Lightweight | light | 单只约300克 | About 300 g each | 单只仅约300克，走一天也轻松 | weighs only about 300 g per shoe for easy all-day walking
feat 手工缝制 | Hand-Stitched | handmade | 手工缝线 | Hand-stitched | 鞋帮由老师傅手工缝制，结实耐穿 | has uppers hand-stitched by experienced shoemakers for lasting strength
feat 麂皮 | Suede | suede | 复古麂皮 | Suede | 鞋面采用复古麂皮，质感细腻 | has a soft suede upper with a refined vintage look
point 鞋楦参考中国人脚型数据，前掌更宽松 | Built on a last drawn from Chinese foot data, with a roomier forefoot
point 鞋垫可拆卸，方便更换和清洁 | Removable insoles are easy to swap and clean
point 支持30天试穿，不合脚免费换码 | 30-day wear trial with free size exchanges
guide 鞋码按脚长选：站立测量脚跟到最长脚趾的距离，再对照尺码表。脚背高或脚宽的朋友建议大半码。下午脚会略微肿胀，这时试穿最准确；真皮鞋刚上脚略紧，穿几次就会变得服帖。 | Choose by foot length: stand up, measure from heel to longest toe and check the size chart. With a high instep or wide feet, go half a size up. Feet swell a little by afternoon, the best time to try shoes on; leather feels snug at first and softens after a few wears.

SUB bags | 箱包 | Bags
shape bag
price 149 | 799
weight 900
axes color
opt color | BLK | 黑色 | Black | 1 | 1
opt color | BRN | 焦糖棕 | Caramel | 1 | 1
opt color | GRY | 石墨灰 | Graphite | 1 | 1
opt color | BEI | 奶茶色 | Latte | 1 | 1
opt color | GRN | 墨绿 | Forest Green | 1 | 1
attr scene | 通勤=Commute | 旅行=Travel | 日常=Everyday
noun 双肩包 | Backpack | backpack | 背负时调节肩带，让包底贴在腰部以上 | Adjust the straps so the base sits just above your waist
noun 托特包 | Tote Bag | tote | 开口大，电脑、文件和午饭都能装下 | A wide opening takes a laptop, papers and lunch
noun 斜挎包 | Crossbody Bag | crossbody | 肩带长度可调，斜挎或单肩背都可以 | Adjust the strap to wear it crossbody or on one shoulder
noun 电脑包 | Laptop Bag | laptop-bag | 独立电脑仓带加厚衬垫，保护笔记本不受磕碰 | A padded laptop sleeve protects your computer from knocks
noun 旅行袋 | Duffel Bag | duffel | 可以套在行李箱拉杆上，短途出差装两三天的衣物 | Slides over a suitcase handle and holds two or three days of clothes
feat 头层牛皮 | Leather | leather | 头层牛皮 | Full-grain leather | 采用头层牛皮，自然纹理越用越有光泽 | is made of full-grain leather whose natural grain develops a patina
feat 防泼水 | Water-Repellent | water-repellent | 防泼水 | Water-repellent | 采用防泼水尼龙面料，雨天通勤不用担心 | uses water-repellent nylon for rainy commutes
feat 轻量 | Lightweight | light | 超轻 | Ultralight | 整包重量不到600克，背一天也不累 | weighs under 600 g, easy to carry all day
feat 大容量 | Large-Capacity | capacity | 大容量 | Roomy | 多层隔袋设计，可放下16英寸电脑 | has multiple compartments and fits a 16-inch laptop
feat 防盗 | Anti-Theft | anti-theft | 隐藏拉链 | Hidden zips | 主仓拉链隐藏在背面，人多的地方更安心 | hides the main zip against your back for peace of mind in crowds
feat 再生面料 | Recycled | recycled | 再生环保 | Recycled fabric | 面料由回收塑料瓶再生而成 | is made from fabric recycled from plastic bottles
feat 素皮 | Vegan-Leather | vegan-leather | 素皮 | Vegan leather | 采用超纤素皮，耐磨易打理 | uses microfibre vegan leather that is tough and easy to care for
point 采用YKK拉链，顺滑耐用 | Smooth, durable YKK zips
point 肩带加宽加厚，分散肩部压力 | Wide, padded straps spread the load
point 五金件通过48小时盐雾测试，不易生锈 | Hardware passes a 48-hour salt spray test against rust
guide 通勤背电脑选双肩包，注意电脑仓尺寸和背负系统；日常轻装选托特或斜挎。皮具怕水怕晒，长期不用时塞入纸团保持形状并放进防尘袋；尼龙包弄脏了可以用中性洗涤剂局部擦洗。 | For a laptop commute choose a backpack and check the laptop sleeve and straps; for light days a tote or crossbody is enough. Leather dislikes water and sun, so stuff it with paper and keep it in a dust bag when stored. Spot-clean nylon bags with mild detergent.
"""
